package io.schemasync.postgres;

/** SQL that builds a schema using every object kind the inspector reads. */
final class Fixtures {
  private Fixtures() {}

  /** Every kind of object, written unqualified: run it with search_path set to the schema. */
  static final String EVERYTHING =
      """
      CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
      CREATE DOMAIN positive_int AS integer DEFAULT 1 NOT NULL CONSTRAINT positive CHECK (VALUE > 0);
      CREATE SEQUENCE invoice_numbers INCREMENT BY 5 START WITH 100 MAXVALUE 100000 CYCLE;
      CREATE TABLE users (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        email character varying(200) NOT NULL UNIQUE,
        name text COLLATE "C",
        feeling mood DEFAULT 'ok',
        score numeric(10,2) DEFAULT 0 CHECK (score >= 0),
        tags text[],
        settings jsonb DEFAULT '{}'::jsonb,
        created_at timestamp with time zone DEFAULT now() NOT NULL,
        email_lower text GENERATED ALWAYS AS (lower(email)) STORED,
        quantity positive_int
      );
      COMMENT ON TABLE users IS 'people who log in';
      COMMENT ON COLUMN users.email IS 'login; unique';
      CREATE TABLE orders (
        id serial PRIMARY KEY,
        user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE DEFERRABLE,
        invoice integer DEFAULT nextval('invoice_numbers'),
        total numeric(12,2),
        note character(3),
        CONSTRAINT total_positive CHECK (total > 0 AND total < 1000000)
      );
      CREATE INDEX orders_user_recent ON orders (user_id, id DESC) INCLUDE (total) WHERE total > 10;
      CREATE UNIQUE INDEX users_lower_email ON users (lower(email));
      CREATE INDEX users_tags ON users USING gin (tags);
      CREATE VIEW big_orders AS SELECT o.id, u.email FROM orders o JOIN users u ON u.id = o.user_id WHERE o.total > 100;
      CREATE MATERIALIZED VIEW order_counts AS SELECT user_id, count(*) AS n FROM orders GROUP BY user_id;
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.note := 'new'; RETURN NEW; END $$;
      CREATE FUNCTION add_one(x integer) RETURNS integer LANGUAGE sql AS 'SELECT x + 1';
      CREATE PROCEDURE noop(a text) LANGUAGE plpgsql AS $$ BEGIN END $$;
      CREATE TRIGGER orders_touch BEFORE INSERT OR UPDATE OF total ON orders FOR EACH ROW WHEN (NEW.total IS NOT NULL) EXECUTE FUNCTION touch();
      """;
}
