import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeSupport,
  NODE_END_OF_LIFE,
  productionNodeVersion,
  runtimeSupport,
} from '../../../dev/tools/node-release-lines';

const day = (text: string) => new Date(`${text}T12:00:00Z`);

describe('runtimeSupport', () => {
  it('knows the end of life of the lines we develop and run on', () => {
    expect(NODE_END_OF_LIFE).toMatchObject({ 20: '2026-04-30', 22: '2027-04-30', 24: '2028-04-30', 26: '2029-04-30' });
  });

  it('calls a line supported until six months before its end of life', () => {
    expect(runtimeSupport('v24.19.0', day('2027-10-29'))).toEqual({
      version: 'v24.19.0',
      major: 24,
      status: 'supported',
      endOfLife: '2028-04-30',
      daysLeft: 184,
    });
  });

  it('warns from six months before the end of life', () => {
    expect(runtimeSupport('24.19.0', day('2027-10-30'))).toMatchObject({ status: 'ending-soon', daysLeft: 183 });
    expect(runtimeSupport('24.19.0', day('2028-04-29'))).toMatchObject({ status: 'ending-soon', daysLeft: 1 });
  });

  it('reports end of life from the day itself on, with the days since', () => {
    expect(runtimeSupport('v20.20.2', day('2026-04-30'))).toMatchObject({ status: 'end-of-life', daysLeft: 0 });
    expect(runtimeSupport('v20.20.2', day('2026-11-29'))).toMatchObject({ status: 'end-of-life', daysLeft: -213 });
  });

  it('takes the calendar day in UTC, whatever the hour', () => {
    expect(runtimeSupport('v20.1.0', new Date('2026-04-29T23:59:59Z')).status).toBe('ending-soon');
    expect(runtimeSupport('v20.1.0', new Date('2026-04-30T00:00:00Z')).status).toBe('end-of-life');
  });

  it('counts six months back to the last day of a shorter month', () => {
    const table = { 30: '2030-08-31' };
    expect(runtimeSupport('v30.0.0', day('2030-02-27'), table).status).toBe('supported');
    expect(runtimeSupport('v30.0.0', day('2030-02-28'), table).status).toBe('ending-soon');
  });

  it('says so when a line is not in the table', () => {
    expect(runtimeSupport('v19.9.0', day('2026-11-29'))).toEqual({ version: 'v19.9.0', major: 19, status: 'unknown' });
  });

  it('refuses what is not a version', () => {
    expect(() => runtimeSupport('lts', day('2026-11-29'))).toThrow(/Not a Node\.js version/);
  });
});

describe('describeSupport', () => {
  it('puts WARNING in front of every line that needs a person', () => {
    const today = day('2026-11-29');
    expect(describeSupport('running', runtimeSupport('v20.20.2', today))).toBe(
      'WARNING running: Node.js v20.20.2 reached end of life on 2026-04-30 (213 days ago): no security fixes, upgrade now',
    );
    expect(describeSupport('running', runtimeSupport('v22.12.0', today))).toBe(
      'WARNING running: Node.js v22.12.0 reaches end of life on 2027-04-30 (in 152 days): plan the upgrade',
    );
    expect(describeSupport('running', runtimeSupport('v19.9.0', today))).toMatch(/^WARNING .*line 19 is not in/);
    expect(describeSupport('production', runtimeSupport('24.19.0', today))).toBe(
      'production: Node.js v24.19.0 supported until 2028-04-30 (518 days)',
    );
  });
});

describe('productionNodeVersion', () => {
  it("reads the final stage's pinned node image", () => {
    const dockerfile =
      'FROM node:22.1.0-slim AS build\nRUN x\nFROM --platform=linux/amd64 node:24.19.0-trixie-slim@sha256:ab\n';
    expect(productionNodeVersion(dockerfile)).toBe('24.19.0');
  });

  it('refuses an image without an exact release', () => {
    expect(() => productionNodeVersion('FROM node:24-slim\n')).toThrow(/not on a pinned/);
    expect(() => productionNodeVersion('FROM debian:13\n')).toThrow(/not on a pinned/);
  });

  it("finds the project's Dockerfile on a release line the table knows", () => {
    const version = productionNodeVersion(readFileSync(join(__dirname, '../../../Dockerfile'), 'utf8'));
    expect(version).toMatch(/^24\./);
    expect(runtimeSupport(version, new Date()).status).not.toBe('unknown');
  });
});
