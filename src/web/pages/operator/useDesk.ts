import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http';
import type { RenewalPage, RenewalView } from '../../api/types';
import { useAction } from '../../components/common';

/** The desk looks again this often, so a renewal that just fell behind shows up by itself. */
const REFRESH_MS = 5_000;

export interface Filters {
  stage: string;
  officeId: string;
  deliveryMethod: string;
}

function query(filters: Filters, extra: Record<string, string>): string {
  const params = new URLSearchParams(extra);
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return `/v1/operator/renewals?${params}`;
}

/** Past their stage deadline first (the longest overdue on top), then SLA breaches; the rest below. */
async function loadDesk(filters: Filters): Promise<{ attention: RenewalView[]; others: RenewalView[] }> {
  const [overdue, breached, all] = await Promise.all([
    api.get<RenewalPage>(query(filters, { pastDeadline: 'true', limit: '200' })),
    api.get<RenewalPage>(query(filters, { slaBreached: 'true', limit: '200' })),
    api.get<RenewalPage>(query(filters, { limit: '100' })),
  ]);
  const byDeadline = (a: RenewalView, b: RenewalView) => (a.stageDeadline ?? '').localeCompare(b.stageDeadline ?? '');
  const attention = [...overdue.items.sort(byDeadline)];
  for (const renewal of breached.items) {
    if (!attention.some((row) => row.renewalId === renewal.renewalId)) attention.push(renewal);
  }
  const others = all.items.filter((renewal) => !attention.some((row) => row.renewalId === renewal.renewalId));
  return { attention, others };
}

/** The renewals the desk shows for its filters, looked up again every few seconds and after each intervention. */
export function useDesk() {
  const [filters, setFilters] = useState<Filters>({ stage: '', officeId: '', deliveryMethod: '' });
  const [desk, setDesk] = useState<{ attention: RenewalView[]; others: RenewalView[] }>();
  const [notice, setNotice] = useState<string>();
  const refresh = useAction(async () => setDesk(await loadDesk(filters)));
  useEffect(() => {
    void refresh.run();
    const timer = setInterval(() => void refresh.run(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [filters.stage, filters.officeId, filters.deliveryMethod]);

  const acted = (message: string) => {
    setNotice(message);
    void refresh.run();
  };
  return { filters, setFilters, desk, refresh, notice, acted };
}
