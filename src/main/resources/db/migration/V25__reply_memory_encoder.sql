-- Reply memory: which sentence encoder produced each stored embedding. Rows from before were embedded with the float
-- MiniLM; a server configured with another encoder re-embeds them at start (RetrievalReplyDrafter).
ALTER TABLE reply_memory ADD COLUMN encoder VARCHAR(64) DEFAULT 'all-minilm-l6-v2' NOT NULL;
