"""参会费用 (fair fee orders): the order state machine, back office and unit pages, payment providers."""
