package io.stratum.orchestration;

import com.fasterxml.uuid.EthernetAddress;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedReorderedGenerator;
import org.camunda.bpm.engine.impl.cfg.IdGenerator;
import org.springframework.stereotype.Component;

/**
 * The engine's ids: time-based UUIDs with the timestamp first (RFC 9562 version 6), so ids made later sort later.
 * Camunda's default (StrongUuidGenerator, version 1) puts the timestamp's fastest-changing part first, which scatters
 * every new row of every table across its primary-key and instance-id indexes; in time order the inserts land at the
 * end of each index instead, touching (and re-storing) a few pages rather than one page per row. Unique across nodes
 * like version 1 (clock sequence and node address), same 36-character form, so ids of both kinds live side by side.
 * The Camunda Spring Boot starter uses this bean instead of its own.
 */
@Component
public class TimeOrderedIdGenerator implements IdGenerator {

    private final TimeBasedReorderedGenerator uuids = Generators.timeBasedReorderedGenerator(EthernetAddress.fromInterface());

    @Override
    public String getNextId() {
        return uuids.generate().toString();
    }
}
