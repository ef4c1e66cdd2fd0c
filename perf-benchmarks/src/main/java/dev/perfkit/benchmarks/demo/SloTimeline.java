package dev.perfkit.benchmarks.demo;

import java.util.List;

/**
 * What perf-metrics saw during the run: the SLO, each change of its burn-rate alerts, when each step's load began,
 * and what failed the SLO check.
 *
 * @param slo the SLO in one line
 * @param events every alert change in time order
 * @param steps when each step's load began
 * @param failures what fails the run (the page alert did not fire during the plain step)
 * @param warnings page alerts after the plain step, reported without failing the run
 */
record SloTimeline(
        String slo,
        List<DemoMetrics.AlertEvent> events,
        List<DemoMetrics.StepMark> steps,
        List<String> failures,
        List<String> warnings) {

    SloTimeline {
        events = List.copyOf(events);
        steps = List.copyOf(steps);
        failures = List.copyOf(failures);
        warnings = List.copyOf(warnings);
    }

    /** The timeline of {@code metrics} now, checked against the plain step {@code plain}. */
    static SloTimeline of(DemoMetrics metrics, String plain) {
        List<DemoMetrics.AlertEvent> events = metrics.events();
        return new SloTimeline(
                metrics.describeSlo(),
                events,
                metrics.marks(),
                DemoMetrics.check(events, plain, metrics.describeSlo()),
                DemoMetrics.warnings(events, plain));
    }
}
