package io.stratum.action.dispatch;

import java.util.Set;

/** A field technician: skills, home base, working hours (UTC hours, end exclusive) and whether available at all. */
public record Technician(String id, String name, String email, Set<String> skills, double homeLat, double homeLon,
                         int workStart, int workEnd, boolean available) {

    public boolean canDo(String skill) {
        return skills.contains(skill);
    }

    /** Whether a visit from {@code hour} (of day, UTC) lasting {@code hours} fits in the working day. */
    public boolean works(int hour, int hours) {
        return available && hour >= workStart && hour + hours <= workEnd;
    }
}
