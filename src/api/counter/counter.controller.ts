import { Body, Controller, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CounterService } from './counter.service';
import { HandoverDto, HandoverResultView, VerificationResultView, VerifyOldPassportDto } from './dto/counter.dto';

@ApiTags('counter')
@Controller('v1/counter/renewals/:renewalId')
export class CounterController {
  constructor(private readonly counter: CounterService) {}

  @Post('verification')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: VerificationResultView })
  @ApiUnprocessableEntityResponse({ description: 'The renewal is not ready for pickup' })
  verify(
    @Param('renewalId', new ParseUUIDPipe({ version: '4' })) renewalId: string,
    @Body() request: VerifyOldPassportDto,
  ): Promise<VerificationResultView> {
    return this.counter.verify(renewalId, request);
  }

  @Post('handover')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: HandoverResultView })
  @ApiUnprocessableEntityResponse({ description: 'The old passport has not been matched, or the renewal is not ready' })
  handOver(
    @Param('renewalId', new ParseUUIDPipe({ version: '4' })) renewalId: string,
    @Body() request: HandoverDto,
  ): Promise<HandoverResultView> {
    return this.counter.handOver(renewalId, request);
  }
}
