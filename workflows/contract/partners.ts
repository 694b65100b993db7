/** The partners that call our webhooks, as they appear in `/v1/webhooks/<partner>`. */
export const WEBHOOK_PARTNERS = ['sadad', 'wasel', 'print-centre', 'saudi-post'] as const;

export type WebhookPartner = (typeof WEBHOOK_PARTNERS)[number];

/** What the print centre reports of a print job through its webhook. */
export const PRINT_CENTRE_EVENT_TYPES = ['JOB_COMPLETED', 'JOB_FAILED'] as const;

export type PrintCentreEventType = (typeof PRINT_CENTRE_EVENT_TYPES)[number];
