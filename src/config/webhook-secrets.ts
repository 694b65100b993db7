import { WEBHOOK_PARTNERS, type WebhookPartner } from '../../workflows/contract';

/**
 * The development signing secret of each partner's webhooks: `whsec_` + base64 of
 * `dev-<partner>-webhook-secret-0001`. The API verifies with it and the sandboxes sign with it when
 * `WEBHOOK_SECRET_<PARTNER>` is unset; both refuse it under NODE_ENV=production.
 */
export function devWebhookSecret(partner: WebhookPartner): string {
  return `whsec_${Buffer.from(`dev-${partner}-webhook-secret-0001`, 'ascii').toString('base64')}`;
}

export const DEV_WEBHOOK_SECRETS = Object.fromEntries(
  WEBHOOK_PARTNERS.map((partner) => [partner, devWebhookSecret(partner)]),
) as Record<WebhookPartner, string>;

/** The variable that holds a partner's secret: `WEBHOOK_SECRET_SADAD`, `WEBHOOK_SECRET_PRINT_CENTRE`, ... */
export function webhookSecretVariable(partner: WebhookPartner): string {
  return `WEBHOOK_SECRET_${partner.toUpperCase().replace(/-/g, '_')}`;
}
