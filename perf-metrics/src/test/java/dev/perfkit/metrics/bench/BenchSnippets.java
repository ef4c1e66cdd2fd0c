package dev.perfkit.metrics.bench;

import java.nio.file.Path;
import java.util.List;

/** The usage example of the regression gate, run by {@link BenchSnippetsTest}. */
class BenchSnippets {
    boolean basic(Path baseJson, Path newJson) {
        // @start region="basic"
        List<JmhResult> base = JmhResults.read(baseJson); // files written by JMH's -rf json
        List<JmhResult> next = JmhResults.read(newJson);
        BenchComparison comparison = BenchComparison.compare(base, next, 5.0); // 5% threshold
        System.out.print(comparison.toMarkdown());
        boolean failBuild = comparison.hasRegression(); // worse by > 5% and significant
        // @end
        return failBuild;
    }
}
