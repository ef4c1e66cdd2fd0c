package dev.perfkit.db.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.perfkit.db.NPlusOneEvent;
import dev.perfkit.db.QueryEventListener;
import dev.perfkit.db.QueryInstrumentation;
import dev.perfkit.db.QueryScope;
import dev.perfkit.testsupport.JettyServer;
import dev.perfkit.testsupport.PostgresExtension;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class QueryScopeFilterIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static final class OrdersServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient DSLContext dsl;

        OrdersServlet(DSLContext dsl) {
            this.dsl = dsl;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            int n = Integer.parseInt(req.getParameter("n"));
            for (int i = 0; i < n; i++) {
                dsl.fetch("select ? as v", i);
            }
            resp.getWriter()
                    .print(QueryScope.current().map(QueryScope::statementCount).orElse(-1));
        }
    }

    @Test
    void eachRequestIsOneScopeAndRepeatedStatementsRaiseAnEventNamingTheServlet() throws Exception {
        List<NPlusOneEvent> events = new CopyOnWriteArrayList<>();
        QueryInstrumentation qi = QueryInstrumentation.builder()
                .eventListener(new QueryEventListener() {
                    @Override
                    public void onNPlusOne(NPlusOneEvent event) {
                        events.add(event);
                    }
                })
                .build();
        DSLContext dsl = DSL.using(new DefaultConfiguration()
                .set(PG.database().dataSource())
                .set(SQLDialect.POSTGRES)
                .set(qi.executeListener()));
        try (JettyServer server = JettyServer.servlets(ctx -> {
            ctx.addFilter(new FilterHolder(new QueryScopeFilter(5)), "/*", EnumSet.of(DispatcherType.REQUEST));
            ctx.addServlet(new ServletHolder(new OrdersServlet(dsl)), "/orders");
        })) {
            assertThat(get(server, "/orders?n=3")).isEqualTo("3");
            assertThat(events).isEmpty();
            assertThat(get(server, "/orders?n=8")).isEqualTo("8");
            assertThat(get(server, "/orders?n=4")).isEqualTo("4");
        }
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.count()).isEqualTo(8);
            assertThat(e.scope()).isEqualTo("GET /orders");
            assertThat(e.fingerprint()).isEqualTo("select ? as v");
            assertThat(e.callSite()).startsWith(OrdersServlet.class.getName() + ".doGet");
        });
    }

    @Test
    void badThresholdIsRejected() {
        assertThatThrownBy(() -> new QueryScopeFilter(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold")
                .hasMessageContaining("0");
    }

    private static String get(JettyServer server, String path) throws Exception {
        return server.client()
                .send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
