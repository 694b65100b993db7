import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RecipientView {
  @ApiProperty({ example: 'محمد عبدالله العتيبي' })
  nameAr: string;

  @ApiProperty({ example: 'MOHAMMED ABDULLAH ALOTAIBI' })
  nameEn: string;

  @ApiProperty({ example: '+966501234567' })
  mobile: string;
}

export class DeliveryAddressView {
  @ApiProperty({ example: '2929' })
  buildingNumber: string;

  @ApiProperty({ example: 'King Fahd Road' })
  street: string;

  @ApiProperty({ example: 'Al Olaya' })
  district: string;

  @ApiProperty({ example: 'Riyadh' })
  city: string;

  @ApiProperty({ example: '12214' })
  postalCode: string;

  @ApiProperty({ example: '7788' })
  additionalNumber: string;

  @ApiPropertyOptional({ example: '12' })
  unitNumber?: string;

  @ApiPropertyOptional({ example: 'RRRD2929' })
  shortAddress?: string;
}

/** What the courier needs to deliver a scanned envelope, while it is in transit and no longer. */
export class EnvelopeView {
  @ApiProperty({ example: 'PE3F2A7C1E9B4D4C0A8E5F6A7B8C9D0E1F01' })
  envelopeBarcode: string;

  @ApiProperty({
    example: 'SP123456789SA',
    type: String,
    nullable: true,
    description: 'Null while the carrier has not yet confirmed the shipment to us',
  })
  trackingNumber: string | null;

  @ApiProperty({ type: RecipientView })
  recipient: RecipientView;

  @ApiProperty({ type: DeliveryAddressView })
  deliveryAddress: DeliveryAddressView;
}
