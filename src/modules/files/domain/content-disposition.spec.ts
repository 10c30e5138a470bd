import { attachmentDisposition, sanitizeFileName } from './content-disposition';

describe('sanitizeFileName', () => {
  it('keeps an ordinary French name', () => {
    expect(sanitizeFileName('Statuts signés 2025.pdf', 'pdf')).toBe('Statuts signés 2025.pdf');
  });

  it('drops any path, leading dots, control and bidi-override characters', () => {
    expect(sanitizeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(sanitizeFileName('C:\\Users\\x\\rib.pdf', 'pdf')).toBe('rib.pdf');
    expect(sanitizeFileName('..hidden.pdf', 'pdf')).toBe('hidden.pdf');
    expect(sanitizeFileName('facture\u202Efdp.exe', 'pdf')).toBe('facturefdp.exe');
    expect(sanitizeFileName('a\u0000b\nc.pdf', 'pdf')).toBe('abc.pdf');
  });

  it('names an empty file and appends the detected extension when there is none', () => {
    expect(sanitizeFileName('', 'png')).toBe('document.png');
    expect(sanitizeFileName('...', 'png')).toBe('document.png');
    expect(sanitizeFileName('budget', 'xlsx')).toBe('budget.xlsx');
  });

  it('shortens a long name and keeps its extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(400)}.docx`, 'docx');
    expect(name).toHaveLength(150);
    expect(name.endsWith('.docx')).toBe(true);
  });
});

describe('attachmentDisposition', () => {
  it('sends an ASCII fallback and the UTF-8 name percent-encoded', () => {
    expect(attachmentDisposition('Relevé d’identité (RIB).pdf', 'pdf')).toBe(
      `attachment; filename="Releve d_identite (RIB).pdf"; filename*=UTF-8''Relev%C3%A9%20d%E2%80%99identit%C3%A9%20%28RIB%29.pdf`,
    );
  });

  it('cannot break out of the header with quotes, semicolons or new lines', () => {
    const header = attachmentDisposition('x"; filename=evil.html\r\n.pdf', 'pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header.startsWith('attachment; filename="x__ filename=evil.html.pdf"; filename*=UTF-8\'\'x%22%3B%20filename%3Devil.html.pdf')).toBe(true);
  });
});
