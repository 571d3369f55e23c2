package io.stratum.learning.bias;

import java.util.Collection;
import java.util.Map;

/**
 * Where a decision's segment values come from (port): the process that made the decision knows the customer's tier
 * and the channel; feedback and decision records only know the process instance. Governance implements it with the
 * engine's history.
 */
public interface SegmentLookup {

    /** process instance id → (segment key → value) for the given keys; instances without any value may be absent. */
    Map<String, Map<String, String>> segments(Collection<String> processInstanceIds, Collection<String> keys);
}
