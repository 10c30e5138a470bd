/* One entity per table, each in its owning module (docs/decisions/0001-raw-sql.md). Keep the list sorted. */
import { AccountTokenEntity } from '../modules/accounts/entities/account-token.entity';
import { AdmissibilityReviewEntity } from '../modules/admissibility/entities/admissibility-review.entity';
import { AmendmentEntity } from '../modules/amendments/entities/amendment.entity';
import { ApplicationBudgetLineEntity } from '../modules/applications/entities/application-budget-line.entity';
import { ApplicationDocumentEntity } from '../modules/applications/entities/application-document.entity';
import { ApplicationEntity } from '../modules/applications/entities/application.entity';
import { ApplicationMessageEntity } from '../modules/messages/entities/application-message.entity';
import { ApplicationMessageFileEntity } from '../modules/messages/entities/application-message-file.entity';
import { ApplicationMessageSeenEntity } from '../modules/messages/entities/application-message-seen.entity';
import { ApplicationNumberCounterEntity } from '../modules/applications/entities/application-number-counter.entity';
import { ApplicationPublicationEntity } from '../modules/catalogue/entities/application-publication.entity';
import { ApplicationResourceEntity } from '../modules/applications/entities/application-resource.entity';
import { ApplicationStateAidEntity } from '../modules/applications/entities/application-state-aid.entity';
import { ApplicationStatusHistoryEntity } from '../modules/applications/entities/application-status-history.entity';
import { ApplicationSubmissionEntity } from '../modules/applications/entities/application-submission.entity';
import { AuditLogEntity } from '../common/audit/entities/audit-log.entity';
import { AwardProposalEntity } from '../modules/committee/entities/award-proposal.entity';
import { BankAccountEntity } from '../modules/payments/entities/bank-account.entity';
import { CallEntity } from '../modules/calls/entities/call.entity';
import { CallVersionEntity } from '../modules/calls/entities/call-version.entity';
import { CommitteeDecisionEntity } from '../modules/committee/entities/committee-decision.entity';
import { CommitteeItemEntity } from '../modules/committee/entities/committee-item.entity';
import { CommitteeMemberEntity } from '../modules/committee/entities/committee-member.entity';
import { CommitteeRecusalEntity } from '../modules/committee/entities/committee-recusal.entity';
import { CommitteeSessionEntity } from '../modules/committee/entities/committee-session.entity';
import { ConflictDeclarationEntity } from '../modules/evaluation/entities/conflict-declaration.entity';
import { ConventionSignatureEntity } from '../modules/operations/entities/convention-signature.entity';
import { DocumentEntity } from '../modules/documents/entities/document.entity';
import { EligibilityReportEntity } from '../modules/eligibility/entities/eligibility-report.entity';
import { EvaluationAssignmentEntity } from '../modules/evaluation/entities/evaluation-assignment.entity';
import { EvaluationConsensusEntity } from '../modules/evaluation/entities/evaluation-consensus.entity';
import { EvaluationScoreEntity } from '../modules/evaluation/entities/evaluation-score.entity';
import { EvaluationScoreHistoryEntity } from '../modules/evaluation/entities/evaluation-score-history.entity';
import { ExecutionReportEntity } from '../modules/execution-reports/entities/execution-report.entity';
import { ExpenditureFileEntity } from '../modules/execution-reports/entities/expenditure-file.entity';
import { ExpenditureLineEntity } from '../modules/execution-reports/entities/expenditure-line.entity';
import { FileScanEntity } from '../modules/files/entities/file-scan.entity';
import { FinancingPlanVersionEntity } from '../modules/applications/entities/financing-plan-version.entity';
import { IdempotencyKeyEntity } from '../common/idempotency/entities/idempotency-key.entity';
import { IndicatorTargetEntity } from '../modules/participants/entities/indicator-target.entity';
import { InstructionReportEntity } from '../modules/instruction-report/entities/instruction-report.entity';
import { IrregularityEntity } from '../modules/payments/entities/irregularity.entity';
import { JobReceiptEntity } from '../jobs/entities/job-receipt.entity';
import { LoginChallengeEntity } from '../modules/auth/entities/login-challenge.entity';
import { MailMessageEntity } from '../modules/mail/entities/mail-message.entity';
import { NotificationPreferenceEntity } from '../modules/mail/entities/notification-preference.entity';
import { OpenDataReleaseEntity } from '../modules/open-data/entities/open-data-release.entity';
import { OperationArchiveEntity } from '../modules/payments/entities/operation-archive.entity';
import { OperationClosureEntity } from '../modules/payments/entities/operation-closure.entity';
import { OperationEntity } from '../modules/operations/entities/operation.entity';
import { OrganisationEntity } from '../modules/organisations/entities/organisation.entity';
import { OrganisationIdentityChangeEntity } from '../modules/organisations/entities/organisation-identity-change.entity';
import { OrganisationInvitationEntity } from '../modules/organisations/entities/organisation-invitation.entity';
import { OrganisationMemberEntity } from '../modules/organisations/entities/organisation-member.entity';
import { OutboxEntity } from '../common/outbox/entities/outbox.entity';
import { PanelMemberEntity } from '../modules/evaluation/entities/panel-member.entity';
import { ParticipantEntity } from '../modules/participants/entities/participant.entity';
import { PaymentEntity } from '../modules/payments/entities/payment.entity';
import { PostponementAnswerEntity } from '../modules/committee/entities/postponement-answer.entity';
import { RecoveryOrderEntity } from '../modules/payments/entities/recovery-order.entity';
import { ReportExportEntity } from '../modules/reports/entities/report-export.entity';
import { SavedViewEntity } from '../modules/instruction/entities/saved-view.entity';
import { SessionEntity } from '../modules/auth/entities/session.entity';
import { SystemPingEntity } from '../modules/system/entities/system-ping.entity';
import { UserEntity } from '../modules/auth/entities/user.entity';
import { UserRecoveryCodeEntity } from '../modules/auth/entities/user-recovery-code.entity';
import { UserTotpEntity } from '../modules/auth/entities/user-totp.entity';
import { VerificationAnswerFileEntity } from '../modules/verification/entities/verification-answer-file.entity';
import { VerificationEntity } from '../modules/verification/entities/verification.entity';
import { VerificationLineEntity } from '../modules/verification/entities/verification-line.entity';

/** Every table the migrations create, described for TypeORM; test/e2e/schema-diff.e2e-spec.ts keeps them equal. */
export const entities = [
  AccountTokenEntity,
  AdmissibilityReviewEntity,
  AmendmentEntity,
  ApplicationBudgetLineEntity,
  ApplicationDocumentEntity,
  ApplicationEntity,
  ApplicationMessageEntity,
  ApplicationMessageFileEntity,
  ApplicationMessageSeenEntity,
  ApplicationNumberCounterEntity,
  ApplicationPublicationEntity,
  ApplicationResourceEntity,
  ApplicationStateAidEntity,
  ApplicationStatusHistoryEntity,
  ApplicationSubmissionEntity,
  AuditLogEntity,
  AwardProposalEntity,
  BankAccountEntity,
  CallEntity,
  CallVersionEntity,
  CommitteeDecisionEntity,
  CommitteeItemEntity,
  CommitteeMemberEntity,
  CommitteeRecusalEntity,
  CommitteeSessionEntity,
  ConflictDeclarationEntity,
  ConventionSignatureEntity,
  DocumentEntity,
  EligibilityReportEntity,
  EvaluationAssignmentEntity,
  EvaluationConsensusEntity,
  EvaluationScoreEntity,
  EvaluationScoreHistoryEntity,
  ExecutionReportEntity,
  ExpenditureFileEntity,
  ExpenditureLineEntity,
  FileScanEntity,
  FinancingPlanVersionEntity,
  IdempotencyKeyEntity,
  IndicatorTargetEntity,
  InstructionReportEntity,
  IrregularityEntity,
  JobReceiptEntity,
  LoginChallengeEntity,
  MailMessageEntity,
  NotificationPreferenceEntity,
  OpenDataReleaseEntity,
  OperationArchiveEntity,
  OperationClosureEntity,
  OperationEntity,
  OrganisationEntity,
  OrganisationIdentityChangeEntity,
  OrganisationInvitationEntity,
  OrganisationMemberEntity,
  OutboxEntity,
  PanelMemberEntity,
  ParticipantEntity,
  PaymentEntity,
  PostponementAnswerEntity,
  RecoveryOrderEntity,
  ReportExportEntity,
  SavedViewEntity,
  SessionEntity,
  SystemPingEntity,
  UserEntity,
  UserRecoveryCodeEntity,
  UserTotpEntity,
  VerificationAnswerFileEntity,
  VerificationEntity,
  VerificationLineEntity,
];
