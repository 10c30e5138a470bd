import { checkDocumentCount, checkFileName, MAX_DOCUMENTS_PER_APPLICATION, MAX_FILE_NAME_LENGTH } from './upload-bounds';

describe('upload bounds', () => {
  it('accepts names up to 255 characters and refuses longer ones', () => {
    expect(() => checkFileName(`${'a'.repeat(MAX_FILE_NAME_LENGTH - 4)}.pdf`)).not.toThrow();
    expect(() => checkFileName(`${'é'.repeat(MAX_FILE_NAME_LENGTH)}.pdf`)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('refuses the 51st piece of a dossier', () => {
    expect(() => checkDocumentCount(MAX_DOCUMENTS_PER_APPLICATION - 1)).not.toThrow();
    expect(() => checkDocumentCount(MAX_DOCUMENTS_PER_APPLICATION)).toThrow(expect.objectContaining({ code: 'FILE_LIMIT_REACHED' }));
  });
});
