import { type Database, DirectoryRepository, InvoiceIntakeRepository } from '@eventvault/activities';
import { ApiError, ApiErrorCode } from '../errors/api-error';
import { requireUuid } from './task-inbox.args';

/** What a reviewer chose besides field corrections. */
export interface ReviewChoices {
  readonly supplierId?: string | null;
  readonly newSupplier?: { readonly name: string } | null;
  readonly eventId?: string | null;
  readonly budgetLineId?: string | null;
}

/**
 * The supplier, event and budget line a reviewer chose, checked against the caller's organisation before the review
 * reaches the workflow: intake would otherwise drop an id it cannot find and open the same review again, without
 * saying why. `taskEventId` is the event the review task already has.
 */
export async function checkReviewChoices(
  db: Database,
  organisationId: string,
  choices: ReviewChoices,
  taskEventId: string | null,
): Promise<void> {
  const directory = new DirectoryRepository(db, organisationId);
  if (choices.supplierId && choices.newSupplier) {
    throw new ApiError(
      ApiErrorCode.VALIDATION,
      'Choose a supplier of the register or create a new one, not both',
      { field: 'newSupplier' },
    );
  }
  if (choices.supplierId) {
    requireUuid(choices.supplierId, 'supplierId');
    if (!(await directory.hasSupplier(choices.supplierId))) {
      throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no supplier ${choices.supplierId}`, {
        field: 'supplierId',
      });
    }
  }
  if (choices.newSupplier) {
    const name = choices.newSupplier.name.trim();
    if (await directory.supplierIdByName(name)) {
      throw new ApiError(
        ApiErrorCode.VALIDATION,
        `${name} is already in the supplier register: choose it instead of creating it again`,
        { field: 'newSupplier.name' },
      );
    }
  }
  if (choices.eventId) {
    requireUuid(choices.eventId, 'eventId');
    if (!(await directory.hasEvent(choices.eventId))) {
      throw new ApiError(ApiErrorCode.NOT_FOUND, `Your organisation has no event ${choices.eventId}`, {
        field: 'eventId',
      });
    }
  }
  if (choices.budgetLineId) {
    requireUuid(choices.budgetLineId, 'budgetLineId');
    const eventId = choices.eventId ?? taskEventId;
    if (!eventId) {
      throw new ApiError(ApiErrorCode.VALIDATION, 'Choose the event the budget line belongs to', {
        field: 'eventId',
      });
    }
    if (
      !(await new InvoiceIntakeRepository(db, organisationId).budgetLineBelongsToEvent(
        choices.budgetLineId,
        eventId,
      ))
    ) {
      throw new ApiError(ApiErrorCode.VALIDATION, "The budget line is not in the event's budget", {
        field: 'budgetLineId',
      });
    }
  }
}
