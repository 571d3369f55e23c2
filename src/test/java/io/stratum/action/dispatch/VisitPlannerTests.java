package io.stratum.action.dispatch;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Timefold planner on generated instances (seeded): every plan it calls feasible keeps the hard constraints
 * (skill, availability and working hours, one visit at a time incl. booked ones), and the soft ones steer it.
 */
class VisitPlannerTests {

    static final Instant NOW = Instant.parse("2026-03-02T06:20:00Z");
    static final List<String> SKILLS = List.of("spindle", "hydraulics", "electrical");
    final VisitPlanner planner = new VisitPlanner(new DispatchSettings(Duration.ofMillis(300),
            Duration.ofMillis(100), 72, 2, 200, false, org.springframework.util.unit.DataSize.ofMegabytes(1)));

    @Test
    void feasiblePlansOnGeneratedInstancesKeepEveryHardConstraint() {
        Random random = new Random(11);
        int feasible = 0;
        for (int instance = 0; instance < 5; instance++) {
            List<Technician> technicians = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int start = 6 + random.nextInt(4);
                technicians.add(new Technician("T" + t, "Tech " + t, "t" + t + "@example.com",
                        new java.util.HashSet<>(List.of(SKILLS.get(t % 3), SKILLS.get(random.nextInt(3)))), 48 + random.nextDouble(),
                        11 + random.nextDouble(), start, start + 8, t != 3 || random.nextBoolean()));
            }
            List<VisitPlanner.VisitRequest> requests = new ArrayList<>();
            for (int v = 0; v < 8; v++) {
                requests.add(new VisitPlanner.VisitRequest("V" + v, 48 + random.nextDouble(), 11 + random.nextDouble(),
                        SKILLS.get(random.nextInt(3)), NOW.plus(Duration.ofHours(12 + random.nextInt(48)))));
            }
            List<VisitPlanner.Booked> booked = List.of(new VisitPlanner.Booked("B0", 48.5, 11.5, "T0",
                    NOW.plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS)));

            VisitPlanner.Plan plan = planner.plan(requests, booked, technicians, NOW);

            assertThat(plan.assignments()).hasSize(requests.size());
            if (!plan.feasible()) {
                assertThat(plan.hardScore()).isNegative();
                continue;
            }
            feasible++;
            Map<String, Technician> byId = new HashMap<>();
            technicians.forEach(t -> byId.put(t.id(), t));
            Map<String, VisitPlanner.VisitRequest> requestById = new HashMap<>();
            requests.forEach(r -> requestById.put(r.id(), r));
            List<Instant[]> busy = new ArrayList<>();
            List<String> busyBy = new ArrayList<>();
            busy.add(new Instant[] {booked.get(0).start(), booked.get(0).start().plus(Duration.ofHours(2))});
            busyBy.add("T0");
            for (VisitPlanner.Assignment a : plan.assignments()) {
                Technician t = byId.get(a.technicianId());
                assertThat(t.canDo(requestById.get(a.visitId()).skill())).as("skill of %s", a).isTrue();
                assertThat(t.available()).as("availability of %s", a).isTrue();
                int hour = a.start().atZone(ZoneOffset.UTC).getHour();
                assertThat(hour >= t.workStart() && hour + 2 <= t.workEnd()).as("working hours of %s", a).isTrue();
                assertThat(a.start()).isAfter(NOW);
                for (int i = 0; i < busy.size(); i++) {
                    boolean overlaps = a.start().isBefore(busy.get(i)[1]) && busy.get(i)[0].isBefore(a.end());
                    assertThat(overlaps && busyBy.get(i).equals(t.id())).as("double booking of %s", a).isFalse();
                }
                busy.add(new Instant[] {a.start(), a.end()});
                busyBy.add(t.id());
            }
        }
        assertThat(feasible).as("feasible instances").isGreaterThanOrEqualTo(3);
    }

    @Test
    void theNearerSkilledTechnicianGetsTheVisit() {
        Technician near = new Technician("near", "Near", "n@example.com", Set.of("spindle"), 48.14, 11.58, 0, 24,
                true);
        Technician far = new Technician("far", "Far", "f@example.com", Set.of("spindle"), 52.52, 13.40, 0, 24, true);
        Technician nearWrongSkill = new Technician("wrong", "Wrong", "w@example.com", Set.of("hydraulics"), 48.137,
                11.575, 0, 24, true);
        VisitPlanner.Plan plan = planner.plan(List.of(new VisitPlanner.VisitRequest("v", 48.137, 11.575, "spindle",
                NOW.plus(Duration.ofHours(24)))), List.of(), List.of(far, nearWrongSkill, near), NOW);
        assertThat(plan.feasible()).isTrue();
        assertThat(plan.assignments().get(0).technicianId()).isEqualTo("near");
        assertThat(plan.assignments().get(0).late()).isFalse();
    }

    @Test
    void nobodyWithTheSkillMeansNoFeasiblePlan() {
        Technician electrician = new Technician("e", "E", "e@example.com", Set.of("electrical"), 48.1, 11.5, 8, 17,
                true);
        VisitPlanner.Plan plan = planner.plan(List.of(new VisitPlanner.VisitRequest("v", 48.1, 11.5, "spindle",
                NOW.plus(Duration.ofHours(24)))), List.of(), List.of(electrician), NOW);
        assertThat(plan.feasible()).isFalse();
        assertThat(planner.plan(List.of(), List.of(), List.of(), NOW).feasible()).isFalse();
    }

    @Test
    void invitationIsFoldedEscapedAndStable() {
        WorkOrder order = new WorkOrder("WO-000042", "case", "M-1", "T-01", Instant.parse("2026-03-02T09:00:00Z"),
                Instant.parse("2026-03-02T11:00:00Z"), "OSF", "SCHEDULED", null, NOW);
        String ics = IcsInvitation.of(order, "Visit; spindle, line 1", "Hall 3", 48.1, 11.5,
                "A long description ".repeat(10) + "ü", "lead@example.com", "t@example.com", NOW);
        assertThat(ics).startsWith("BEGIN:VCALENDAR\r\n").endsWith("END:VCALENDAR\r\n")
                .contains("UID:WO-000042@stratum\r\n", "DTSTART:20260302T090000Z\r\n", "SUMMARY:Visit\\; spindle\\, line 1");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75);
        }
        assertThat(ics.replace("\r\n ", "")).contains("A long description A long description");
    }
}
