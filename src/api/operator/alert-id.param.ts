import { Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ValidationProblem } from '../shared/problems/problem';
import { ALERT_ID } from './dto/alerts.dto';

const alertIdPipe: PipeTransform<string, string> = {
  transform(value) {
    if (!ALERT_ID.test(value)) {
      throw new ValidationProblem([{ field: 'alertId', message: 'alertId must be an alert id: digits, as listed' }]);
    }
    return value;
  },
};

const documentedAlertId = ApiParam({
  name: 'alertId',
  schema: { type: 'string', pattern: ALERT_ID.source },
  description: "The alert's `alertId`, as the list gives it",
});

/** The `:alertId` path parameter, checked and documented by one decorator (as RenewalIdParam). */
export const AlertIdParam = (): ParameterDecorator => (target, method, index) => {
  Param('alertId', alertIdPipe)(target, method, index);
  if (method !== undefined) documentedAlertId(target, method, Object.getOwnPropertyDescriptor(target, method)!);
};
