export default async function globalTeardown(): Promise<void> {
  const running = (globalThis as Record<string, unknown>).__testInfrastructure as
    Array<{ stop(): Promise<void> }> | undefined;
  for (const component of running ?? []) await component.stop();
}
