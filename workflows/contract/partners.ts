/** The partners that call our webhooks, as they appear in `/v1/webhooks/<partner>`. */
export const WEBHOOK_PARTNERS = ['sadad', 'wasel', 'print-centre', 'saudi-post'] as const;

export type WebhookPartner = (typeof WEBHOOK_PARTNERS)[number];
