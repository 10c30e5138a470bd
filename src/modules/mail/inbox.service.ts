import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { type InboxItem, MailRepository } from './mail.repository';

/** The in-app inbox and the mail preferences of a person (docs/domain/notifications.md), for « Mon compte ». */
@Injectable()
export class InboxService {
  constructor(private readonly mails: MailRepository) {}

  list(userId: string): Promise<InboxItem[]> {
    return this.mails.inbox(userId);
  }

  /** One of the person's messages, marked read; undefined when it is not theirs. */
  open(userId: string, id: string): Promise<(InboxItem & { bodyText: string; wasUnread: boolean }) | undefined> {
    return this.mails.openInboxMessage(userId, id);
  }

  /** What the person read elsewhere (a dossier's thread) is read in the inbox too. */
  markEventsRead(userId: string, eventKeys: readonly string[]): Promise<number> {
    return this.mails.markEventsRead(userId, eventKeys);
  }

  markAllRead(userId: string): Promise<number> {
    return this.mails.markAllRead(userId);
  }

  preferences(userId: string): Promise<Record<string, boolean>> {
    return this.mails.preferences(userId);
  }

  setPreference(em: EntityManager, userId: string, category: string, byMail: boolean): Promise<void> {
    return this.mails.setPreference(em, userId, category, byMail);
  }
}
