import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** ms since the epoch; Infinity when the model has no expiry. */
  expiresAt: number;
}

/**
 * The sandbox provider's storage, in memory: one store shared by every Provider instance built over it (a key
 * rotation builds a new instance; sessions, grants and refresh tokens must survive it). oidc-provider's own memory
 * adapter is per instance, an LRU of 1,000 entries (a load test would evict sessions) and warns at every start.
 */
export class SandboxStore {
  readonly entries = new Map<string, Entry>();
  readonly byUid = new Map<string, string>();
  readonly byUserCode = new Map<string, string>();
  readonly byGrant = new Map<string, Set<string>>();

  /** The factory oidc-provider's `adapter` option takes. */
  readonly adapterFactory = (model: string): Adapter => new SandboxAdapter(model, this);

  /** Drops what has expired (run now and then: entries are otherwise dropped only when read). */
  sweep(now = Date.now()): void {
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    for (const index of [this.byUid, this.byUserCode]) {
      for (const [key, id] of index) if (![...this.entries.keys()].some((k) => k.endsWith(`:${id}`))) index.delete(key);
    }
    for (const [grantId, keys] of this.byGrant) {
      for (const key of keys) if (!this.entries.has(key)) keys.delete(key);
      if (keys.size === 0) this.byGrant.delete(grantId);
    }
  }
}

class SandboxAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: SandboxStore,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  private read(key: string): AdapterPayload | undefined {
    const entry = this.store.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.store.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const key = this.key(id);
    this.store.entries.set(key, { payload, expiresAt: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    if (this.model === 'Session' && payload.uid) this.store.byUid.set(payload.uid, id);
    if (payload.userCode) this.store.byUserCode.set(payload.userCode, id);
    if (payload.grantId) {
      const members = this.store.byGrant.get(payload.grantId) ?? new Set<string>();
      members.add(key);
      this.store.byGrant.set(payload.grantId, members);
    }
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.read(this.key(id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.store.byUid.get(uid);
    return id ? this.find(id) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = this.store.byUserCode.get(userCode);
    return id ? this.find(id) : undefined;
  }

  async consume(id: string): Promise<void> {
    const payload = this.read(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id: string): Promise<void> {
    this.store.entries.delete(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    for (const key of this.store.byGrant.get(grantId) ?? []) this.store.entries.delete(key);
    this.store.byGrant.delete(grantId);
  }
}
