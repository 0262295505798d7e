-- When a case is disposed of, its e-mail addresses go from the delivery records and the demo mailbox too.
GRANT DELETE ON messaging.local_mailbox TO ${appRole};
