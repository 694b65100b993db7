import request from 'supertest';
import { loadPagesConfig } from '../../src/config/pages';
import { pagesSettings } from '../../src/api/pages/pages-options';
import { seededCitizenIdentities } from '../../dev/sandboxes/dev-identities';
import { SEEDED } from '../../dev/sandboxes/seed-people';
import { buildPagesForTest } from '../web/support/browser';
import { productionEnv } from '../support/production-env';
import { startStack } from '../support/stack';

/** What `npm start` passes when its civil registry is the sandbox. */
const DEV_SIGN_IN = { devSignIn: { citizens: seededCitizenIdentities() } };

/**
 * The development sign-in mints tokens for anyone: it exists only when the
 * embedded launcher asks for it, and never under NODE_ENV=production.
 */
describe('development sign-in', () => {
  it('is refused under NODE_ENV=production even when the launcher asks for it', async () => {
    expect(pagesSettings(loadPagesConfig({ NODE_ENV: 'production' }), DEV_SIGN_IN)).toMatchObject({
      devSignIn: false,
      devCitizens: [],
    });
    // The sign-in page is served from the bundled pages; a clean clone has not built them yet.
    const assetsDir = await buildPagesForTest();
    const api = await startStack({
      worker: false,
      env: { ...(await productionEnv()), PAGES_ASSETS_DIR: assetsDir },
      api: { pages: DEV_SIGN_IN },
    });
    try {
      const identities = await request(api.http).get('/pages/dev/identities').expect(404);
      expect(identities.body.type).toBe('urn:passport-renewal:problem:dev-sign-in-disabled');
      await request(api.http)
        .post('/pages/dev/sign-in')
        .send({ role: 'operator', sub: 'ops-1' })
        .expect(404)
        .expect('content-type', /application\/problem\+json/);
      // The sign-in page itself says so to its script, which then offers the identity provider only.
      const page = await request(api.http).get('/pages/sign-in');
      expect(page.text).toContain('"devSignIn":false');
    } finally {
      await api.stop();
    }
  });

  it('is absent unless the launcher asks for it', async () => {
    const api = await startStack({ worker: false });
    try {
      await request(api.http).get('/pages/dev/identities').expect(404);
    } finally {
      await api.stop();
    }
  });

  it('in the sandbox stack, lists the seeded citizens and mints tokens the API accepts', async () => {
    const api = await startStack({ worker: false, api: { pages: DEV_SIGN_IN } });
    try {
      const identities = await request(api.http).get('/pages/dev/identities').expect(200);
      expect(identities.body).toContainEqual(
        expect.objectContaining({ nationalId: SEEDED.validPassport, waselSubscribed: true }),
      );
      // Residents cannot hold a citizen's token, so they are not offered.
      expect(identities.body.map((person: { nationalId: string }) => person.nationalId)).not.toContain(SEEDED.resident);
      const signedIn = await request(api.http)
        .post('/pages/dev/sign-in')
        .send({ role: 'clerk', sub: 'clerk-ruh-01', office: 'RUH-01' })
        .expect(200);
      await request(api.http)
        .post('/v1/counter/renewals/lookup')
        .set({ Authorization: `Bearer ${signedIn.body.token}` })
        .send({ nationalId: SEEDED.validPassport })
        .expect(200);
      const resident = await request(api.http)
        .post('/pages/dev/sign-in')
        .send({ role: 'citizen', sub: SEEDED.resident })
        .expect(400);
      expect(resident.body.errors).toEqual([{ field: 'sub', message: expect.stringMatching(/resident/) }]);
    } finally {
      await api.stop();
    }
  });
});
