import type { Lang } from './i18n/messages';

/**
 * The passport offices the pages offer. The API accepts any code shaped like
 * RUH-01; this list only gives the common ones a name in both languages.
 */
export const OFFICES: Array<{ id: string; ar: string; en: string }> = [
  { id: 'RUH-01', ar: 'الرياض — المكتب الرئيسي', en: 'Riyadh — main office' },
  { id: 'RUH-02', ar: 'الرياض — الملقا', en: 'Riyadh — Al Malqa' },
  { id: 'JED-01', ar: 'جدة — الروضة', en: 'Jeddah — Ar Rawdah' },
  { id: 'JED-02', ar: 'جدة — الصفا', en: 'Jeddah — As Safa' },
  { id: 'DMM-01', ar: 'الدمام — الفيصلية', en: 'Dammam — Al Faisaliyah' },
  { id: 'MED-01', ar: 'المدينة المنورة — الجامعة', en: 'Madinah — Al Jamiah' },
  { id: 'MKK-01', ar: 'مكة المكرمة — أجياد', en: 'Makkah — Ajyad' },
  { id: 'ABH-01', ar: 'أبها — المنسك', en: 'Abha — Al Mansak' },
];

export function officeName(id: string, lang: Lang): string {
  const office = OFFICES.find((candidate) => candidate.id === id);
  return office ? `${office[lang]} (${id})` : id;
}
