import type { PrintCentre, PrintedPassport, PrintOrder } from '../src/integrations/print-centre/port';

export function createPrintingActivities(printCentre: PrintCentre) {
  return {
    async printPassport(order: PrintOrder): Promise<PrintedPassport> {
      return printCentre.print(order);
    },
  };
}
