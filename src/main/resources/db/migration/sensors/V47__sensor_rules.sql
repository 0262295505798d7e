-- Where each rule stands for each device, moved on by the readings in time order, and what the rules did.
CREATE TABLE sensors.rule_state (
    tenant_id  uuid        NOT NULL,
    device     text        NOT NULL,
    rule       text        NOT NULL,
    phase      text        NOT NULL CHECK (phase IN ('NORMAL', 'PENDING', 'FIRING')),
    past_since timestamptz,
    last_at    timestamptz,
    PRIMARY KEY (tenant_id, device, rule)
);

CREATE TABLE sensors.rule_event (
    id        uuid             NOT NULL PRIMARY KEY,
    tenant_id uuid             NOT NULL,
    device    text             NOT NULL,
    rule      text             NOT NULL,
    kind      text             NOT NULL CHECK (kind IN ('FIRED', 'CLEARED')),
    at        timestamptz      NOT NULL,
    value     double precision
);
CREATE INDEX rule_event_device ON sensors.rule_event (device, rule, at);

SELECT samla_isolate_by_tenant('sensors.rule_state');
SELECT samla_isolate_by_tenant('sensors.rule_event');
GRANT SELECT, INSERT, UPDATE, DELETE ON sensors.rule_state, sensors.rule_event TO ${appRole};
