import { Money } from '../../domain/src';

// The demo finance data of Kalahari Live Events (Pty) Ltd and a little of Karoo Festivals NPC: fixed values only,
// so every run of the seed writes the same amounts, dates and names. Amounts are ZAR as exact decimal text.
//
// Fiscal years are labelled by the calendar year they start in: with a March start, fiscal year 2025 runs from
// 1 March 2025 to 28 February 2026 (the convention of accounting_period.fiscal_year and budget.fiscal_year).

/** The event whose presence means the finance demo data was seeded already. */
export const markerEvent = { seriesKey: 'karoo-sunset', name: 'Karoo Sunset Festival 2025' } as const;

export const fiscalYears = [2025, 2026] as const;
/** Months (YYYY-MM) of the older fiscal year that are locked after the actuals are posted. */
export const lockedMonths = [
  '2025-03',
  '2025-04',
  '2025-05',
  '2025-06',
  '2025-07',
  '2025-08',
  '2025-09',
  '2025-10',
] as const;

/** Category tree: [code, name, parent code]. The account is the expense account actuals of the root post to. */
export const categories: readonly (readonly [string, string, string | null])[] = [
  ['PROD', 'Production', null],
  ['PROD-STG', 'Staging & rigging', 'PROD'],
  ['PROD-SND', 'Sound', 'PROD'],
  ['PROD-LGT', 'Lighting', 'PROD'],
  ['PROD-AV', 'Screens & AV', 'PROD'],
  ['ART', 'Artists', null],
  ['ART-FEE', 'Artist fees', 'ART'],
  ['ART-TRV', 'Artist travel & accommodation', 'ART'],
  ['ART-RID', 'Riders & green room', 'ART'],
  ['SITE', 'Site', null],
  ['SITE-SEC', 'Security', 'SITE'],
  ['SITE-SAN', 'Sanitation', 'SITE'],
  ['SITE-PWR', 'Power & generators', 'SITE'],
  ['SITE-MED', 'Medical & emergency', 'SITE'],
  ['SITE-INF', 'Fencing, tents & infrastructure', 'SITE'],
  ['MKT', 'Marketing', null],
  ['MKT-DIG', 'Digital & social', 'MKT'],
  ['MKT-OOH', 'Outdoor, print & radio', 'MKT'],
  ['TKT', 'Ticketing', null],
  ['TKT-FEE', 'Ticketing platform fees', 'TKT'],
  ['TKT-ACC', 'Access control & wristbands', 'TKT'],
  ['HOS', 'Hospitality', null],
  ['HOS-CAT', 'Catering', 'HOS'],
  ['HOS-BAR', 'Bar stock', 'HOS'],
  ['VEN', 'Venue', null],
  ['ADM', 'Administration', null],
  ['ADM-INS', 'Insurance', 'ADM'],
  ['ADM-PRM', 'Permits & licences', 'ADM'],
];

/** Expense account per root category. */
export const expenseAccounts: Readonly<Record<string, string>> = {
  PROD: '5100',
  ART: '5200',
  SITE: '5300',
  MKT: '5400',
  TKT: '5500',
  HOS: '5600',
  VEN: '5700',
  ADM: '5800',
};
export const accounts = {
  bank: '1000',
  vatInput: '1400',
  payables: '2000',
  vatOutput: '2200',
  ticketRevenue: '4000',
} as const;

const demoBanks = [
  ['First National Bank', '250655'],
  ['Standard Bank', '051001'],
  ['Absa Bank', '632005'],
  ['Nedbank', '198765'],
  ['Capitec Bank', '470010'],
] as const;

/** Fictitious South African bank details for a demo supplier, the same every time the seed runs. */
export function demoBankDetails(supplier: SupplierSeed, index: number) {
  const [bankName, branchCode] = demoBanks[index % demoBanks.length] ?? demoBanks[0];
  return {
    accountHolder: supplier.name,
    bankName,
    branchCode,
    accountNumber: `62${String(1_000_000 + index * 7_919).padStart(8, '0')}`,
  };
}

export interface SupplierSeed {
  key: string;
  name: string;
  vatNumber: string | null;
  registrationNumber: string;
  email: string;
}

// Fictitious companies; SA VAT numbers are ten digits starting with 4. Their bank details are fictitious too (see
// demoBankDetails) and are sealed with the stack's key ring like any other.
export const suppliers: readonly SupplierSeed[] = [
  s(
    'staging',
    'Karoo Staging & Rigging (Pty) Ltd',
    '4120189357',
    '2011/004512/07',
    'accounts@karoostaging.co.za',
  ),
  s('sound', 'Soundwave Audio Hire (Pty) Ltd', '4230245781', '2008/019876/07', 'invoices@soundwave.co.za'),
  s(
    'lighting',
    'Highveld Lighting Solutions (Pty) Ltd',
    '4310567823',
    '2014/221345/07',
    'billing@hvls.co.za',
  ),
  s('screens', 'Pixel Screens SA (Pty) Ltd', '4470312896', '2016/087654/07', 'finance@pixelscreens.co.za'),
  s('talent', 'Mzansi Talent Agency (Pty) Ltd', '4580923461', '2012/145678/07', 'fees@mzansitalent.co.za'),
  s('travel', 'Kalahari Travel Desk (Pty) Ltd', '4690134572', '2010/056789/07', 'bookings@ktdesk.co.za'),
  s('security', 'Ubuntu Guarding Services (Pty) Ltd', '4710245683', '2009/123987/07', 'ar@ubuntuguard.co.za'),
  s(
    'sanitation',
    'Clean Loo Hire Eastern Cape CC',
    '4820356794',
    '2005/076543/23',
    'accounts@cleanloo.co.za',
  ),
  s('power', 'PowerGen Rentals (Pty) Ltd', '4930467805', '2013/098712/07', 'invoices@powergen.co.za'),
  s('medical', 'Karoo Medics EMS (Pty) Ltd', '4040578916', '2017/034561/07', 'billing@karoomedics.co.za'),
  s(
    'marketing',
    'Jozi Digital Marketing (Pty) Ltd',
    '4150689027',
    '2018/112233/07',
    'hello@jozidigital.co.za',
  ),
  s(
    'catering',
    'Boland Kitchen Catering (Pty) Ltd',
    '4260790138',
    '2015/067890/07',
    'orders@bolandkitchen.co.za',
  ),
  s('venue', 'Rivonia Convention Centre (Pty) Ltd', '4370801249', '2004/012345/07', 'events@rivoniacc.co.za'),
  s('fencing', 'Tent & Fence Hire Gqeberha (Pty) Ltd', '4480912350', '2019/045678/07', 'ar@tentfence.co.za'),
];

function s(key: string, name: string, vatNumber: string | null, registrationNumber: string, email: string) {
  return { key, name, vatNumber, registrationNumber, email };
}

/** A budget line: [code, category code, description, amount in the approved (or latest) version]. */
export type LineSeed = readonly [string, string, string, string];

export interface EventSeed {
  key: string;
  name: string;
  seriesKey: string | null;
  venue: string;
  startsOn: string;
  endsOn: string;
  status: 'planning' | 'confirmed' | 'live' | 'closed';
  fiscalYear: number;
  /** Version 1 is the original budget at these amounts scaled by `firstVersionFactor`; version 2 is `lines`. */
  firstVersionFactor: string;
  /** Whether version 2 is approved (version 1 then superseded) or still a draft (version 1 approved). */
  secondVersionApproved: boolean;
  lines: readonly LineSeed[];
}

const festivalLines2025: readonly LineSeed[] = [
  ['STG-01', 'PROD-STG', 'Main stage 16 x 12 m, roof and wings', '385000.00'],
  ['STG-02', 'PROD-STG', 'Second stage (Dune tent) and risers', '142500.00'],
  ['SND-01', 'PROD-SND', 'Main stage PA, monitors and engineers', '298000.00'],
  ['SND-02', 'PROD-SND', 'Dune tent PA', '86500.00'],
  ['LGT-01', 'PROD-LGT', 'Main stage lighting rig and operator', '214000.00'],
  ['LGT-02', 'PROD-LGT', 'Site festoon and walkway lighting', '48750.00'],
  ['AV-01', 'PROD-AV', 'LED side screens and camera crew', '176000.00'],
  ['FEE-01', 'ART-FEE', 'Headline acts (3)', '1250000.00'],
  ['FEE-02', 'ART-FEE', 'Supporting acts (12)', '420000.00'],
  ['FEE-03', 'ART-FEE', 'DJs and Dune tent line-up', '145000.00'],
  ['TRV-01', 'ART-TRV', 'Flights Johannesburg/Cape Town - George', '168400.00'],
  ['TRV-02', 'ART-TRV', 'Accommodation Graaff-Reinet, 3 nights', '132600.00'],
  ['RID-01', 'ART-RID', 'Riders and green room', '58000.00'],
  ['SEC-01', 'SITE-SEC', 'Security and crowd control (PSIRA)', '236500.00'],
  ['SAN-01', 'SITE-SAN', 'Chemical toilets, ablution trailers and servicing', '97800.00'],
  ['PWR-01', 'SITE-PWR', 'Generators 2 x 500 kVA and fuel', '184250.00'],
  ['MED-01', 'SITE-MED', 'Medical tent, ambulances and paramedics', '72000.00'],
  ['INF-01', 'SITE-INF', 'Perimeter fencing, stretch tents and flooring', '158900.00'],
  ['DIG-01', 'MKT-DIG', 'Social media campaign and influencers', '125000.00'],
  ['OOH-01', 'MKT-OOH', 'Billboards N1/N9, posters and regional radio', '94500.00'],
  ['TKT-01', 'TKT-FEE', 'Ticketing platform fees', '96000.00'],
  ['TKT-02', 'TKT-ACC', 'RFID wristbands and access scanners', '54300.00'],
  ['CAT-01', 'HOS-CAT', 'Crew and artist catering', '118750.00'],
  ['BAR-01', 'HOS-BAR', 'VIP bar stock', '64200.00'],
  ['INS-01', 'ADM-INS', 'Public liability and cancellation insurance', '42500.00'],
  ['PRM-01', 'ADM-PRM', 'Municipal event permit and liquor licence', '18650.00'],
];

export const kalahariEvents: readonly EventSeed[] = [
  {
    key: 'ksf-2025',
    name: markerEvent.name,
    seriesKey: markerEvent.seriesKey,
    venue: 'Graaff-Reinet, Eastern Cape',
    startsOn: '2025-10-03',
    endsOn: '2025-10-05',
    status: 'closed',
    fiscalYear: 2025,
    firstVersionFactor: '0.95',
    secondVersionApproved: true,
    lines: festivalLines2025,
  },
  {
    key: 'ksf-2026',
    name: 'Karoo Sunset Festival 2026',
    seriesKey: markerEvent.seriesKey,
    venue: 'Graaff-Reinet, Eastern Cape',
    startsOn: '2026-10-02',
    endsOn: '2026-10-04',
    status: 'live',
    fiscalYear: 2026,
    firstVersionFactor: '0.97',
    secondVersionApproved: false,
    // The 2025 lines a year on (7 % up), plus a third stage.
    lines: [
      ...festivalLines2025.map(([code, category, description, amount]): LineSeed => [
        code,
        category,
        description,
        Money.of(amount, 'ZAR').multiply('1.07').round().toString(),
      ]),
      ['STG-03', 'PROD-STG', 'Acoustic stage (Koppie)', '96000.00'],
      ['SND-03', 'PROD-SND', 'Acoustic stage PA', '42000.00'],
    ],
  },
  {
    key: 'jazz-2025',
    name: 'Jazz Under the Jacarandas 2025',
    seriesKey: 'jacaranda-jazz',
    venue: 'Walter Sisulu National Botanical Garden, Roodepoort',
    startsOn: '2025-11-15',
    endsOn: '2025-11-15',
    status: 'closed',
    fiscalYear: 2025,
    firstVersionFactor: '1.04',
    secondVersionApproved: true,
    lines: [
      ['STG-01', 'PROD-STG', 'Stage 10 x 8 m and roof', '124000.00'],
      ['SND-01', 'PROD-SND', 'PA and monitors', '96500.00'],
      ['LGT-01', 'PROD-LGT', 'Lighting rig', '68000.00'],
      ['FEE-01', 'ART-FEE', 'Headliner and quartet', '385000.00'],
      ['TRV-01', 'ART-TRV', 'Artist transfers and hotel', '36800.00'],
      ['SEC-01', 'SITE-SEC', 'Security', '58400.00'],
      ['SAN-01', 'SITE-SAN', 'Toilets', '21600.00'],
      ['DIG-01', 'MKT-DIG', 'Digital campaign', '45000.00'],
      ['TKT-01', 'TKT-FEE', 'Ticketing platform fees', '28500.00'],
      ['BAR-01', 'HOS-BAR', 'Bar stock', '39750.00'],
    ],
  },
  {
    key: 'summit-2027',
    name: 'Live Events Industry Summit 2027',
    seriesKey: 'events-summit',
    venue: 'Rivonia Convention Centre, Johannesburg',
    startsOn: '2027-02-10',
    endsOn: '2027-02-11',
    status: 'confirmed',
    fiscalYear: 2026,
    firstVersionFactor: '0.92',
    secondVersionApproved: false,
    lines: [
      ['VEN-01', 'VEN', 'Plenary hall and 4 breakaway rooms, 2 days', '268000.00'],
      ['AV-01', 'PROD-AV', 'Projection, streaming and recording', '134500.00'],
      ['SND-01', 'PROD-SND', 'Conference audio and interpreters booths', '58200.00'],
      ['FEE-01', 'ART-FEE', 'Keynote speakers (4)', '180000.00'],
      ['TRV-01', 'ART-TRV', 'Speaker flights and hotel', '74300.00'],
      ['CAT-01', 'HOS-CAT', 'Delegate catering, 450 pax x 2 days', '315000.00'],
      ['DIG-01', 'MKT-DIG', 'LinkedIn and email campaign', '62000.00'],
      ['TKT-01', 'TKT-FEE', 'Registration platform', '24500.00'],
      ['INS-01', 'ADM-INS', 'Event liability insurance', '9800.00'],
    ],
  },
];

export interface InvoiceSeed {
  event: string;
  supplier: string;
  number: string;
  invoiceDate: string;
  /** Posted invoices are journalled on their invoice date; paid ones also get a payment on `paidOn`. */
  status: 'posted' | 'paid' | 'pending_approval';
  paidOn?: string;
  /** [description, budget line code, net amount (VAT exclusive, 15 %)] */
  lines: readonly (readonly [string, string, string])[];
}

export const kalahariInvoices: readonly InvoiceSeed[] = [
  // Karoo Sunset Festival 2025 (fiscal year 2025; its months are locked after posting).
  inv('ksf-2025', 'staging', 'KSR-2025-0412', '2025-09-12', 'paid', '2025-10-10', [
    ['Main stage 16 x 12 m, roof and wings', 'STG-01', '379850.00'],
    ['Dune tent stage and risers', 'STG-02', '139200.00'],
  ]),
  inv('ksf-2025', 'sound', 'SW/25/1187', '2025-10-06', 'paid', '2025-10-31', [
    ['Main stage PA and engineers, 3 days', 'SND-01', '301420.00'],
    ['Dune tent PA', 'SND-02', '84300.00'],
  ]),
  inv('ksf-2025', 'lighting', 'HVLS-9931', '2025-10-06', 'paid', '2025-10-31', [
    ['Main stage lighting rig and operator', 'LGT-01', '209875.50'],
    ['Festoon lighting', 'LGT-02', '51230.00'],
  ]),
  inv('ksf-2025', 'screens', 'PS-25-0877', '2025-10-07', 'paid', '2025-10-31', [
    ['LED side screens and camera crew', 'AV-01', '181240.00'],
  ]),
  inv('ksf-2025', 'talent', 'MTA-2025-118', '2025-08-29', 'paid', '2025-09-05', [
    ['Headline acts, 50 % deposit and balance', 'FEE-01', '1250000.00'],
    ['Supporting acts', 'FEE-02', '436500.00'],
    ['DJs and Dune tent line-up', 'FEE-03', '138000.00'],
  ]),
  inv('ksf-2025', 'travel', 'KTD-25-3342', '2025-09-30', 'paid', '2025-10-15', [
    ['Flights JNB/CPT - GRJ', 'TRV-01', '174260.80'],
    ['Accommodation, 3 nights', 'TRV-02', '128900.00'],
  ]),
  inv('ksf-2025', 'security', 'UGS-10455', '2025-10-08', 'paid', '2025-10-31', [
    ['Security and crowd control, 3 days', 'SEC-01', '244870.00'],
  ]),
  inv('ksf-2025', 'sanitation', 'CLH-7781', '2025-10-08', 'paid', '2025-10-31', [
    ['Toilets, ablution trailers, servicing', 'SAN-01', '95430.00'],
  ]),
  inv('ksf-2025', 'power', 'PGR-25-2210', '2025-10-09', 'posted', undefined, [
    ['Generators 2 x 500 kVA', 'PWR-01', '142000.00'],
    ['Diesel, 9 800 l', 'PWR-01', '51940.00'],
  ]),
  inv('ksf-2025', 'medical', 'KMEMS-0931', '2025-10-08', 'paid', '2025-10-31', [
    ['Medical tent and 2 ambulances', 'MED-01', '70500.00'],
  ]),
  inv('ksf-2025', 'fencing', 'TFH-25-512', '2025-09-26', 'paid', '2025-10-10', [
    ['Perimeter fencing 2.4 km', 'INF-01', '86400.00'],
    ['Stretch tents and flooring', 'INF-01', '69750.00'],
  ]),
  inv('ksf-2025', 'marketing', 'JDM-2025-077', '2025-08-31', 'paid', '2025-09-30', [
    ['Social campaign July - October', 'DIG-01', '131250.00'],
    ['Radio and billboards', 'OOH-01', '92800.00'],
  ]),
  inv('ksf-2025', 'catering', 'BKC-25-0613', '2025-10-07', 'paid', '2025-10-31', [
    ['Crew and artist catering', 'CAT-01', '122640.00'],
    ['VIP bar stock', 'BAR-01', '61875.00'],
  ]),
  // Jazz Under the Jacarandas 2025.
  inv('jazz-2025', 'staging', 'KSR-2025-0588', '2025-11-17', 'paid', '2025-12-12', [
    ['Stage 10 x 8 m and roof', 'STG-01', '121500.00'],
  ]),
  inv('jazz-2025', 'sound', 'SW/25/1342', '2025-11-17', 'paid', '2025-12-12', [
    ['PA and monitors', 'SND-01', '96500.00'],
    ['Lighting package', 'LGT-01', '71200.00'],
  ]),
  inv('jazz-2025', 'talent', 'MTA-2025-151', '2025-11-01', 'paid', '2025-11-07', [
    ['Headliner and quartet', 'FEE-01', '385000.00'],
  ]),
  inv('jazz-2025', 'security', 'UGS-10612', '2025-11-18', 'posted', undefined, [
    ['Security, 1 day', 'SEC-01', '61230.00'],
    ['Toilets (subcontracted)', 'SAN-01', '19800.00'],
  ]),
  // Karoo Sunset Festival 2026 (fiscal year 2026, open periods).
  inv('ksf-2026', 'talent', 'MTA-2026-094', '2026-08-28', 'paid', '2026-09-04', [
    ['Headline acts', 'FEE-01', '1310000.00'],
    ['Supporting acts', 'FEE-02', '448000.00'],
  ]),
  inv('ksf-2026', 'staging', 'KSR-2026-0390', '2026-09-15', 'paid', '2026-10-09', [
    ['Main stage, roof and wings', 'STG-01', '402500.00'],
    ['Dune tent stage', 'STG-02', '146800.00'],
    ['Acoustic stage (Koppie)', 'STG-03', '91750.00'],
  ]),
  inv('ksf-2026', 'marketing', 'JDM-2026-061', '2026-08-31', 'paid', '2026-09-30', [
    ['Social campaign', 'DIG-01', '138900.00'],
  ]),
  inv('ksf-2026', 'travel', 'KTD-26-2871', '2026-09-30', 'posted', undefined, [
    ['Flights JNB/CPT - GRJ', 'TRV-01', '181340.00'],
    ['Accommodation, 3 nights', 'TRV-02', '139870.00'],
  ]),
  inv('ksf-2026', 'sound', 'SW/26/1044', '2026-10-06', 'pending_approval', undefined, [
    ['Main stage PA and engineers', 'SND-01', '312800.00'],
    ['Dune tent PA', 'SND-02', '88450.00'],
    ['Acoustic stage PA', 'SND-03', '43900.00'],
  ]),
  inv('ksf-2026', 'security', 'UGS-11876', '2026-10-07', 'pending_approval', undefined, [
    ['Security and crowd control, 3 days', 'SEC-01', '251340.00'],
  ]),
  inv('ksf-2026', 'power', 'PGR-26-1931', '2026-10-08', 'pending_approval', undefined, [
    ['Generators 2 x 500 kVA', 'PWR-01', '148500.00'],
    ['Diesel, 10 200 l', 'PWR-01', '56712.40'],
  ]),
  inv('ksf-2026', 'catering', 'BKC-26-0502', '2026-10-07', 'pending_approval', undefined, [
    ['Crew and artist catering', 'CAT-01', '127380.00'],
  ]),
  // Live Events Industry Summit 2027: the venue deposit waits for approval.
  inv('summit-2027', 'venue', 'RCC-INV-26-3301', '2026-11-20', 'pending_approval', undefined, [
    ['Venue hire deposit, 50 %', 'VEN-01', '134000.00'],
  ]),
];

function inv(
  event: string,
  supplier: string,
  number: string,
  invoiceDate: string,
  status: InvoiceSeed['status'],
  paidOn: string | undefined,
  lines: InvoiceSeed['lines'],
): InvoiceSeed {
  return paidOn === undefined
    ? { event, supplier, number, invoiceDate, status, lines }
    : { event, supplier, number, invoiceDate, status, paidOn, lines };
}

/** Ticket revenue banked per event: [event, date, description, gross VAT-inclusive amount]. */
export const kalahariTicketRevenue: readonly (readonly [string, string, string, string])[] = [
  ['ksf-2025', '2025-07-31', 'Early-bird ticket sales to 31 July', '1845600.00'],
  ['ksf-2025', '2025-09-30', 'Ticket sales August - September', '3126450.00'],
  ['ksf-2025', '2025-10-06', 'Gate sales', '412300.00'],
  ['jazz-2025', '2025-11-16', 'Ticket sales', '912750.00'],
  ['ksf-2026', '2026-07-31', 'Early-bird ticket sales to 31 July', '2134800.00'],
  ['ksf-2026', '2026-09-30', 'Ticket sales August - September', '3389900.00'],
];
