package dev.perfkit.db.jooq.snippets;

import dev.perfkit.db.jooq.KeysetPager;
import dev.perfkit.db.jooq.Page;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

/** The usage examples of {@link KeysetPager}'s Javadoc and README, compiled, public API only; run by KeysetPagerSnippetsIT. */
final class KeysetPagerSnippets {
    private KeysetPagerSnippets() {}

    /** Reads every order, newest first, one page at a time; returns the ids in page order. */
    static List<Long> basic(DSLContext dsl, byte[] secret) {
        // @start region="basic"
        List<Long> ids = new ArrayList<>();
        Field<LocalDateTime> created = DSL.field("created", LocalDateTime.class);
        Field<Long> id = DSL.field("id", Long.class);
        KeysetPager<Record> pager = KeysetPager.builder(DSL.table("orders"))
                .orderBy(created.desc(), id.desc()) // ends in the primary key: unique
                .pageSize(50)
                .secret(secret) // >= 16 random bytes, the same on every instance
                .build(dsl); // checks the ordering against the catalog
        Page<Record> page = pager.first(dsl);
        page.rows().forEach(r -> ids.add(r.get(id)));
        while (page.nextToken().isPresent()) { // the token is opaque and HMAC-signed
            page = pager.next(dsl, page.nextToken().get());
            page.rows().forEach(r -> ids.add(r.get(id)));
        }
        // @end
        return ids;
    }
}
