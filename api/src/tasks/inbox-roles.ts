/**
 * Who has an inbox: the people workflows wait for, and so the colleagues an approval can be handed to. Suppliers,
 * auditors and partners have none.
 */
export const inboxRoles = ['admin', 'finance', 'approver', 'event_manager'] as const;
