import { RoleController } from '../shared/endpoints/role-controller.decorator';

/** A controller of the citizen's own renewals: citizens only, each within their rate limit (429). */
export function CitizenController(path: string): ClassDecorator {
  return RoleController({ path, role: 'citizen', tag: 'citizen' });
}
