package dev.perfkit.db.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.perfkit.db.advisor.Conditions.Atom;
import dev.perfkit.db.advisor.Conditions.Column;
import dev.perfkit.db.advisor.Conditions.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

    @Test
    void splitsTopLevelAndsAndClassifiesEachConjunct() {
        List<Atom> atoms = Conditions.parse("((o.customer_id = 42) AND (o.created_at >= '2024-01-01 00:00:00+00'::"
                + "timestamp with time zone) AND ((o.status)::text = 'paid'::text))");
        assertThat(atoms)
                .extracting(Atom::kind, a -> a.column().name())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.EQUALITY, "customer_id"),
                        org.assertj.core.groups.Tuple.tuple(Kind.RANGE, "created_at"),
                        org.assertj.core.groups.Tuple.tuple(Kind.EQUALITY, "status"));
    }

    @Test
    void joinConditionsNameBothSides() {
        Atom join = Conditions.parse("(o.customer_id = c.id)").get(0);
        assertThat(join.kind()).isEqualTo(Kind.JOIN);
        assertThat(join.column()).isEqualTo(new Column("o", "customer_id"));
        assertThat(join.other()).isEqualTo(new Column("c", "id"));
    }

    @Test
    void parametersAnyListsAndReversedOperandsAreUnderstood() {
        assertThat(Conditions.parse("(o.sku = $1)").get(0).kind()).isEqualTo(Kind.EQUALITY);
        assertThat(Conditions.parse("(o.id = ANY ('{1,2,3}'::bigint[]))").get(0).kind())
                .isEqualTo(Kind.EQUALITY);
        assertThat(Conditions.parse("('2024-01-01'::date < o.created_at)")
                        .get(0)
                        .kind())
                .isEqualTo(Kind.RANGE);
    }

    @Test
    void nullTestsAndBooleansAreConstantPredicates() {
        assertThat(Conditions.parse("((o.deleted_at IS NULL) AND o.active AND (NOT o.archived))"))
                .extracting(Atom::kind, Atom::predicate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Kind.CONSTANT_PREDICATE, "deleted_at IS NULL"),
                        org.assertj.core.groups.Tuple.tuple(Kind.CONSTANT_PREDICATE, "active"),
                        org.assertj.core.groups.Tuple.tuple(Kind.CONSTANT_PREDICATE, "NOT archived"));
    }

    @Test
    void disjunctionsInequalitiesAndExpressionsAreIgnored() {
        assertThat(Conditions.parse("((o.a = 1) OR (o.b = 2))")).isEmpty();
        assertThat(Conditions.parse("(o.a <> 1)")).isEmpty();
        assertThat(Conditions.parse("(lower(o.email) = 'x'::text)")).isEmpty();
        assertThat(Conditions.parse("(o.a = (o.b + 1))")).isEmpty();
    }

    @Test
    void quotedIdentifiersAreUnquotedAndRequotedForDdl() {
        Atom atom = Conditions.parse("(\"O\".\"Customer Id\" = 5)").get(0);
        assertThat(atom.column()).isEqualTo(new Column("O", "Customer Id"));
        assertThat(Conditions.quote("Customer Id")).isEqualTo("\"Customer Id\"");
        assertThat(Conditions.quote("customer_id")).isEqualTo("customer_id");
    }

    @Test
    void stringsWithParenthesesAndAndDoNotConfuseTheSplit() {
        assertThat(Conditions.parse("((o.note = 'a) AND (b'::text) AND (o.sku = 3))"))
                .extracting(a -> a.column().name())
                .containsExactly("note", "sku");
    }
}
