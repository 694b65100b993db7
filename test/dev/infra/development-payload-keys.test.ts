import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { developmentPayloadKeys } from '../../../dev/infra/development-payload-keys';

describe('the embedded stack’s development payload key', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'payload-keys-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is generated once into the data folder, readable by its owner only, and reused on later starts', () => {
    const first = developmentPayloadKeys(dataDir);
    const file = join(dataDir, 'payload-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.currentKeyId).toMatch(/^dev-\d{8}$/);
    expect(first.keys.get(first.currentKeyId)).toHaveLength(32);

    const again = developmentPayloadKeys(dataDir);
    expect(again.currentKeyId).toBe(first.currentKeyId);
    expect(again.keys.get(again.currentKeyId)).toEqual(first.keys.get(first.currentKeyId));
  });

  it('differs from one data folder to another', () => {
    const other = mkdtempSync(join(tmpdir(), 'payload-keys-'));
    try {
      const a = developmentPayloadKeys(dataDir);
      const b = developmentPayloadKeys(other);
      expect(a.keys.get(a.currentKeyId)).not.toEqual(b.keys.get(b.currentKeyId));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
