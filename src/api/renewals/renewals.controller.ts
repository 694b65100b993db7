import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CreateRenewalDto } from './dto/create-renewal.dto';
import { RenewalView } from './dto/renewal-view.dto';
import { RenewalsService } from './renewals.service';

@ApiTags('renewals')
@Controller('v1/renewals')
export class RenewalsController {
  constructor(private readonly renewals: RenewalsService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: RenewalView, description: 'The renewal workflow has started' })
  create(@Body() request: CreateRenewalDto): Promise<RenewalView> {
    return this.renewals.create(request);
  }

  @Get(':renewalId')
  @ApiOkResponse({ type: RenewalView })
  get(@Param('renewalId', new ParseUUIDPipe({ version: '4' })) renewalId: string): Promise<RenewalView> {
    return this.renewals.get(renewalId);
  }
}
