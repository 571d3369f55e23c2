-- Every node of a cluster reads the replies remembered since its last look (RetrievalReplyDrafter.refresh, every 10 s).
CREATE INDEX ix_reply_memory_created_at ON reply_memory (created_at);
