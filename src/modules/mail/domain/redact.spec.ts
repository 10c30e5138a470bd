import { redactAddresses } from './redact';

describe('redactAddresses', () => {
  it('removes every address from an SMTP reply', () => {
    expect(redactAddresses('550 5.1.1 <jeanne.dupont@exemple.fr>: Recipient address rejected; also a@b.c')).toBe(
      '550 5.1.1 <[adresse]>: Recipient address rejected; also [adresse]',
    );
  });
});
