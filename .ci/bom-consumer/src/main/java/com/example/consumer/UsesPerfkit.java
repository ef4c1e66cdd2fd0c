package com.example.consumer;

import com.zaxxer.hikari.HikariConfig;
import dev.perfkit.assets.AssetManifest;
import dev.perfkit.assets.AssetPipeline;
import dev.perfkit.assets.AssetUrls;
import dev.perfkit.assets.frontend.LazyLoading;
import dev.perfkit.assets.frontend.PageTags;
import dev.perfkit.assets.frontend.ViteManifest;
import dev.perfkit.assets.frontend.ViteTags;
import dev.perfkit.cache.AfterCommit;
import dev.perfkit.cache.CacheAside;
import dev.perfkit.cache.PerfCache;
import dev.perfkit.cache.redis.RedisCache;
import dev.perfkit.cache.redis.RedisCodecs;
import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.db.QueryScope;
import dev.perfkit.db.advisor.AdvisorReport;
import dev.perfkit.db.advisor.IndexAdvisor;
import dev.perfkit.db.advisor.Workload;
import dev.perfkit.db.jooq.KeysetPager;
import dev.perfkit.db.jooq.Page;
import dev.perfkit.pool.CheckContext;
import dev.perfkit.pool.ConfigChecks;
import dev.perfkit.pool.DatabaseKind;
import dev.perfkit.pool.PoolPreset;
import dev.perfkit.pool.PoolSizing;
import dev.perfkit.pool.SizingInputs;
import dev.perfkit.pool.SizingResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * The README's examples, compiled against the published artifacts through perf-bom, so neither the
 * artifacts nor the examples can rot. perf-metrics is resolved as a dependency.
 */
public final class UsesPerfkit {
  private UsesPerfkit() {}

  static String cache() {
    CacheAside<Long, String> users = PerfCache.<Long, String>builder()
        .maximumSize(10_000)
        .expireAfterWrite(Duration.ofMinutes(10))
        .jitter(0.1)
        .refreshAfter(Duration.ofMinutes(1))
        .staleIfError(Duration.ofMinutes(5))
        .negativeTtl(Duration.ofSeconds(30))
        .tagsOf(id -> List.of("users"))
        .recordStats()
        .build();
    String ada = users.get(42L, id -> "Ada");
    AfterCommit<Long> pending = users.afterCommit();
    pending.invalidate(42L);
    pending.commit();
    return ada;
  }

  static void db(DataSource dataSource, Field<Long> id, byte[] secret) throws Exception {
    QueryInstrumentation instrumentation = QueryInstrumentation.builder()
        .slowThreshold(Duration.ofMillis(200)).explainWith(dataSource).build();
    DSLContext dsl = DSL.using(new DefaultConfiguration().set(dataSource)
        .set(SQLDialect.POSTGRES).set(instrumentation.executeListener()));
    KeysetPager<Record> pager = KeysetPager.builder(DSL.table("orders"))
        .orderBy(id).pageSize(100).secret(secret).build(dsl);
    Page<Record> page = pager.first(dsl);
    page = pager.next(dsl, page.nextToken().orElseThrow());
    try (QueryScope scope = QueryScope.open(10)) {
      dsl.fetch("select 1");
    }
    IndexAdvisor advisor = IndexAdvisor.builder().maxIndexes(5).build();
    try (Connection c = dataSource.getConnection()) {
      AdvisorReport report = advisor.advise(c, Workload.fromPgStatStatements(c)
          .plus(Workload.fromFingerprints(instrumentation.stats().snapshot())));
      System.out.println(report.toText());
    }
  }

  static void pool(DataSource admin) throws Exception {
    HikariConfig config = PoolPreset.WEB_OLTP.config(DatabaseKind.POSTGRESQL, "jdbc:postgresql://db/app");
    SizingResult size = PoolSizing.recommend(SizingInputs.builder()
        .databaseCores(8).effectiveSpindles(1).applicationInstances(3)
        .meanStatementTime(Duration.ofMillis(4)).targetThroughput(2_000)
        .build());
    config.setMaximumPoolSize(size.maximumPoolSize());
    System.out.println(size.explain());
    ConfigChecks.check(config, CheckContext.builder()
        .requestDeadline(Duration.ofSeconds(2)).applicationInstances(3).build())
        .forEach(System.out::println);
  }

  static void assets() {
    AssetPipeline.builder().input(Path.of("src/main/assets")).output(Path.of("target/assets")).build().run();
    AssetManifest manifest = AssetManifest.load(Path.of("target/assets"));
    AssetUrls urls = AssetUrls.of(manifest, "/assets");
    System.out.println(urls.url("app.js") + " " + urls.integrity("app.js"));
  }

  static String frontend(Path dist, AssetManifest assets) {
    PageTags tags = ViteTags.builder(ViteManifest.read(dist.resolve(".vite/manifest.json"))).assets(assets).build()
        .page(List.of("src/main.js"), null);
    return LazyLoading.defaults().rewrite("<head>" + tags.html() + "</head><img src=a><img src=b><img src=c>");
  }

  static RedisCache<Long, String> redis(String redisUri) {
    return RedisCache.<Long, String>builder()
        .redis(redisUri)
        .name("names")
        .keys(String::valueOf, Long::valueOf)
        .values(RedisCodecs.json(String.class))
        .local(local -> local.maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(10)))
        .build();
  }

  public static void main(String[] args) {
    System.out.println(cache());
  }
}
