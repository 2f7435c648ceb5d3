import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideNoopAnimations } from '@angular/platform-browser/animations';

import { reviewTaskDetail, zar } from '../../../../testing/task-fixtures';
import { DuplicateComparison, type LikelyDuplicate } from './duplicate-comparison';

describe('DuplicateComparison', () => {
  let fixture: ComponentFixture<DuplicateComparison>;
  const [earlier] = reviewTaskDetail().likelyDuplicates as [LikelyDuplicate];
  const current = {
    number: 'KSR-0042',
    supplierName: 'Soundwave Audio Hire (Pty) Ltd',
    issueDate: '2026-11-28',
    dueDate: '2026-12-28',
    gross: { amount: '2300.00', currency: 'ZAR' },
  };

  async function render(duplicates: readonly LikelyDuplicate[]): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: [provideNoopAnimations()] });
    fixture = TestBed.createComponent(DuplicateComparison);
    fixture.componentRef.setInput('current', current);
    fixture.componentRef.setInput('currentDocumentUrl', 'http://127.0.0.1:27070/docs/new.png?sig=1');
    fixture.componentRef.setInput('duplicates', duplicates);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const differing = (root: HTMLElement) =>
    Array.from(root.querySelectorAll('[data-testid="duplicate-fields"] tr.differs'), (row) =>
      row.getAttribute('data-field'),
    );

  it('shows both documents side by side and marks the key fields that differ', async () => {
    const root = await render([earlier]);
    const images = Array.from(root.querySelectorAll<HTMLImageElement>('[data-testid="document-image"]'));
    expect(images.map((image) => image.getAttribute('src'))).toEqual([
      'http://127.0.0.1:27070/docs/new.png?sig=1',
      earlier.documentPreview?.url,
    ]);
    expect(root.querySelector('figure:last-of-type figcaption')?.textContent).toContain(
      'Earlier invoice KSR-0042 (posted)',
    );
    expect(differing(root)).toEqual(['issueDate', 'dueDate', 'gross']);
    const gross = root.querySelector('tr[data-field="gross"]')?.textContent?.replace(/\s/g, ' ');
    expect(gross).toContain('2 300,00');
    expect(gross).toContain('1 150,00');
    expect(
      root.querySelector('[data-testid="duplicate-summary"]')?.textContent?.replace(/\s+/g, ' '),
    ).toContain('has the same supplier and invoice number');
  });

  it('lets the reviewer pick among several earlier invoices', async () => {
    const sameFile: LikelyDuplicate = {
      ...earlier,
      invoiceId: 'i-same-file',
      number: 'KSR-0042',
      issueDate: '2026-11-28',
      dueDate: '2026-12-28',
      gross: zar('2300.00'),
      status: 'pending_approval',
      matchedBy: ['SAME_CONTENT', 'SAME_NUMBER'],
      documentPreview: null,
    };
    const root = await render([earlier, sameFile]);
    const toggles = Array.from(root.querySelectorAll<HTMLButtonElement>('mat-button-toggle button'));
    expect(toggles).toHaveLength(2);
    toggles[1]?.click();
    await fixture.whenStable();
    expect(differing(root)).toEqual([]);
    expect(root.textContent).toContain('Its key fields are all the same as this document');
    expect(root.textContent).toContain('has the very same file and the same supplier and invoice number');
    expect(root.textContent).toContain('Its document is not stored with EventVault.');
  });
});
