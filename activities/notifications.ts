import { Context } from '@temporalio/activity';
import type { CivilRegistry } from '../src/integrations/civil-registry/port';
import type { SmsGateway } from '../src/integrations/sms/port';
import type { AuditTrail } from '../src/persistence/repositories/audit-trail.repository';
import type { CitizenNotification, OperatorAlert } from '../workflows/contract';
import { noticeText } from './notification-texts';

/**
 * Notifications of renewals started before the lean history (newer ones write
 * notices to the SMS outbox and alerts to the audit trail with their progress):
 * SMS to the citizen (the mobile is looked up here, never kept in history), alerts to operators.
 */
export function createNotificationActivities(sms: SmsGateway, registry: CivilRegistry, audit: AuditTrail) {
  return {
    async notifyCitizen(notification: CitizenNotification): Promise<void> {
      const profile = await registry.lookUpProfile(notification.nationalId);
      if (!profile) return;
      await sms.send({
        messageKey: notification.messageKey,
        to: profile.mobile,
        text: noticeText(notification.notice, notification.params, profile.preferredLanguage),
      });
    },

    /** Operators are alerted through the audit trail (their dashboards read it) and a warning log line. */
    async alertOperators(alert: OperatorAlert): Promise<void> {
      Context.current().log.warn('Operator alert', { renewalId: alert.renewalId, kind: alert.kind });
      await audit.append({
        eventKey: `alert:${alert.alertKey}`,
        renewalId: alert.renewalId,
        actor: 'workflow',
        action: 'operator.alert',
        outcome: alert.kind,
        details: alert.details,
        at: new Date().toISOString(),
      });
    },
  };
}
