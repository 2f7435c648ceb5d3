import { loadApiConfig } from '../config/api-config';
import { ObjectStorage } from '../clients/object-storage';
import { DocumentLinks } from './document-links';

describe('DocumentLinks', () => {
  const config = loadApiConfig({ DOCUMENT_LINK_TTL_SECONDS: '120' });
  const links = new DocumentLinks(new ObjectStorage(config), config);

  it('signs a GET of the object that expires after the configured lifetime', async () => {
    const now = new Date('2026-03-01T10:00:00Z');
    const link = await links.link('org-1/documents/d-1/invoice.pdf', { fileName: 'Factuur 7.pdf' }, now);
    const url = new URL(link.url);
    expect(url.pathname).toBe(`/${config.S3_BUCKET_DOCUMENTS}/org-1/documents/d-1/invoice.pdf`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('120');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('response-content-disposition')).toBe(
      "inline; filename*=UTF-8''Factuur%207.pdf",
    );
    expect(link.expiresAt.toISOString()).toBe('2026-03-01T10:02:00.000Z');
  });
});
