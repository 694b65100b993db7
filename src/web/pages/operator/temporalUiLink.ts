import type { PageSettings } from '../../../api/pages/page-settings';
import { renewalWorkflowId } from '../../../../workflows/contract/ids';

/** The workflow of a renewal in the Temporal UI, for the configured UI address and namespace. */
export function temporalUiLink(settings: PageSettings, renewalId: string): string {
  return (
    `${settings.temporalUiUrl}/namespaces/${encodeURIComponent(settings.temporalNamespace)}` +
    `/workflows/${encodeURIComponent(renewalWorkflowId(renewalId))}`
  );
}
