package io.stratum.orchestration;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Supplier;

/**
 * Cluster-wide mutual exclusion through the shared database (table {@code cluster_lock}): the work runs in one
 * transaction that holds the named row's lock, so a check-then-act (e.g. "no retraining of X running, so start one")
 * happens on one node at a time; engine calls inside join the transaction. A node that dies holding a lock loses its
 * connection, and the database releases the lock with it.
 */
@Component
public class ClusterNodeLocks {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public ClusterNodeLocks(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    public <T> T exclusively(String name, Supplier<T> work) {
        if (jdbc.sql("SELECT count(*) FROM cluster_lock WHERE name = ?").param(name).query(Integer.class).single() == 0) {
            try {
                jdbc.sql("INSERT INTO cluster_lock (name) VALUES (?)").param(name).update();
            } catch (DuplicateKeyException raced) {
                // another node created it first: the same row to lock
            }
        }
        return tx.execute(status -> {
            jdbc.sql("SELECT name FROM cluster_lock WHERE name = ? FOR UPDATE").param(name).query(String.class)
                    .single();
            return work.get();
        });
    }
}
