import * as workflows from '../../../workflows';
import {
  HOUSEKEEPING_WORKFLOW_TYPE,
  LOSS_CLAIM_DISPUTE_WORKFLOW_TYPE,
  RENEWAL_WORKFLOW_TYPE,
} from '../../../workflows/contract';

describe('workflow types', () => {
  it('name exactly the workflows the worker bundle exports, so a rename cannot leave clients starting nothing', () => {
    const exported = Object.entries(workflows)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .sort();
    expect(exported).toEqual(
      [RENEWAL_WORKFLOW_TYPE, LOSS_CLAIM_DISPUTE_WORKFLOW_TYPE, HOUSEKEEPING_WORKFLOW_TYPE].sort(),
    );
  });
});
