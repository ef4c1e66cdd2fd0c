-- The expected grouping of SqlFingerprint, one statement a line. Statements of one group share one
-- fingerprint; statements of different groups never do. [pg]: PostgreSQL's query identifier (what
-- pg_stat_statements groups by) also puts them together. [merge]: a deliberate merge, PostgreSQL keeps
-- them apart. SqlFingerprintCorpusTest checks the fingerprints; SqlFingerprintCorpusIT checks the claims
-- about PostgreSQL on the schema in its setup (statements with bind markers are not explained there).

-- group [pg]: a constant, whatever its value, sign, spelling, case or surrounding comments
select * from fp_t where id = 1
SELECT * FROM fp_t WHERE id = 42
select *   from FP_T where ID=-7
/* app: orders */ select * from fp_t where id = 3 -- why
select * from fp_t where id = - 8

-- group [pg]: a comparison with a negative constant is not an operator >=-
select id from fp_t where a>=-1
select id from fp_t where a >= 5

-- group [pg]: ORDER BY a column position keeps the position
select id, a from fp_t order by 1
SELECT id, a FROM fp_t ORDER BY 1;

-- group [pg]: another position is another query
select id, a from fp_t order by 2

-- group [pg]: a position in a list of several, with a direction
select id, a from fp_t order by 2 desc, 1

-- group [pg]: GROUP BY and ORDER BY positions
select a, count(*) from fp_t group by 1 order by 2

-- group [pg]: the same GROUP BY, another ORDER BY
select a, count(*) from fp_t group by 1 order by 1

-- group [pg]: a constant in an ORDER BY expression is a constant
select id from fp_t order by a + 1
select id from fp_t order by a + 10

-- group [pg]: a parenthesized constant after a function call is not a VALUES row
select abs(1), (2)
select abs(-4), (5)

-- group [pg]: one constant
select abs(3)

-- group [pg]: booleans are constants
select id from fp_t where flag = true
select id from fp_t where flag = FALSE

-- group [pg]: NULL is a constant where a value goes
update fp_t set b = null where id = 1
update fp_t set b = 'x' where id = 2

-- group [pg]: IS NULL is not a constant
select id from fp_t where b is null
select id from fp_t where B IS NULL

-- group [pg]: IS NOT NULL is another test
select id from fp_t where b is not null

-- group [pg]: a trailing semicolon does not count
select b from fp_t where id = 5;
select b from fp_t where id = 6

-- group [pg]: every kind of string constant, with a ? or quote inside
select id from fp_t where b = E'it\'s ?'
select id from fp_t where b = $$a?b$$
select id from fp_t where b = $q$x ' y$q$
select id from fp_t where b = 'o''k ?'

-- group [pg]: casts keep their type
select id from fp_t where created > '2024-01-01'::timestamp
select id from fp_t where created > '2025-06-01'::timestamp

-- group [pg]: limit and offset are constants
select id from fp_t order by id limit 10 offset 20
select id from fp_t order by id limit 5 offset 0

-- group [pg]: subtraction of a constant is not a negative constant
select a - 1 from fp_t
select a - 2 from fp_t

-- group [pg]: addition is another operator
select a + 1 from fp_t

-- group [pg]: ranges
select id from fp_t where a between 1 and 5
select id from fp_t where a between -3 and 9

-- group [pg]: joins
select t.id from fp_t t join fp_u u on u.t_id = t.id where u.note = 'a'
select t.id from fp_t t join fp_u u on u.t_id = t.id where u.note = 'b'

-- group [merge]: IN lists of any length (one element would be "= ?" for PostgreSQL: not in the corpus)
select * from fp_t where id in (1, 2, 3)
select * from fp_t where id in (4, 5)

-- group [merge]: VALUES lists of any length, NULL among the values
insert into fp_u (id, t_id) values (1, 2)
insert into fp_u (id, t_id) values (1, 2), (3, 4), (5, null)

-- group [merge]: bind markers of every style and constants
select b from fp_t where a = 10
select b from fp_t where a = ?
select b from fp_t where a = $1
select b from fp_t where a = :a

-- group [merge]: constants of different types
select 1 as v
select 'x' as v
select 1.5 as v
