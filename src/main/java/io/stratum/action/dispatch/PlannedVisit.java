package io.stratum.action.dispatch;

import ai.timefold.solver.core.api.domain.entity.PlanningEntity;
import ai.timefold.solver.core.api.domain.entity.PlanningPin;
import ai.timefold.solver.core.api.domain.lookup.PlanningId;
import ai.timefold.solver.core.api.domain.variable.PlanningVariable;

/**
 * Timefold planning entity: one visit, to be given a technician and a start slot (hours after the plan's start).
 * Visits already confirmed are pinned: they count for overlaps and workload but do not move.
 */
@PlanningEntity
public class PlannedVisit {

    @PlanningId
    private String id;
    private double lat;
    private double lon;
    private String skill;
    /** Slot by which the visit should be over (urgency deadline), in hours from the plan start. */
    private int deadlineSlot;
    private int hours;
    /** Hour of day (UTC) of slot 0, and the soft penalty per hour late: the same for every visit of a plan. */
    private int startHourOfDay;
    private int lateWeight;
    @PlanningPin
    private boolean pinned;
    @PlanningVariable(valueRangeProviderRefs = "technicians")
    private Technician technician;
    @PlanningVariable(valueRangeProviderRefs = "slots")
    private Integer slot;

    PlannedVisit() {
    }

    PlannedVisit(String id, double lat, double lon, String skill, int deadlineSlot, int hours, int startHourOfDay,
                 int lateWeight) {
        this.startHourOfDay = startHourOfDay;
        this.lateWeight = lateWeight;
        this.id = id;
        this.lat = lat;
        this.lon = lon;
        this.skill = skill;
        this.deadlineSlot = deadlineSlot;
        this.hours = hours;
    }

    static PlannedVisit pinned(String id, double lat, double lon, Technician technician, int slot, int hours) {
        PlannedVisit v = new PlannedVisit(id, lat, lon, "", Integer.MAX_VALUE, hours, 0, 0);
        v.technician = technician;
        v.slot = slot;
        v.pinned = true;
        return v;
    }

    public String getId() {
        return id;
    }

    public String getSkill() {
        return skill;
    }

    public int getDeadlineSlot() {
        return deadlineSlot;
    }

    public int getHours() {
        return hours;
    }

    public int getLateWeight() {
        return lateWeight;
    }

    public int hourOfDay() {
        return (startHourOfDay + slot) % 24;
    }

    public boolean isPinned() {
        return pinned;
    }

    public Technician getTechnician() {
        return technician;
    }

    public Integer getSlot() {
        return slot;
    }

    void setTechnician(Technician technician) {
        this.technician = technician;
    }

    void setSlot(Integer slot) {
        this.slot = slot;
    }

    /** Great-circle distance from the technician's home base, in km. */
    public long travelKm() {
        return Math.round(Geo.km(technician.homeLat(), technician.homeLon(), lat, lon));
    }

    public boolean overlaps(PlannedVisit other) {
        return slot < other.slot + other.hours && other.slot < slot + hours;
    }
}
