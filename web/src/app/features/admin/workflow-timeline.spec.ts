import { isBookkeeping, timelineEntry } from './workflow-timeline';

describe('workflow timeline', () => {
  it('names the step an activity event is about', () => {
    const entry = timelineEntry({
      eventId: '5',
      eventType: 'ActivityTaskScheduled',
      time: '2026-12-04T09:00:00Z',
      details: JSON.stringify({ activityId: '1', activityType: { name: 'extractInvoiceFields' } }),
    });
    expect(entry).toMatchObject({
      title: 'Step scheduled',
      subject: 'extractInvoiceFields',
      tone: 'progress',
    });
  });

  it('shows decisions as human events and failures as failures', () => {
    const update = timelineEntry({
      eventId: '12',
      eventType: 'WorkflowExecutionUpdateAccepted',
      time: '2026-12-04T09:00:00Z',
      details: JSON.stringify({ acceptedRequest: { meta: { updateId: 'u1' }, input: { name: 'approve' } } }),
    });
    expect(update).toMatchObject({ title: 'Decision received', subject: 'approve', tone: 'human' });
    const failed = timelineEntry({ eventId: '9', eventType: 'ActivityTaskFailed', time: 't', details: '{}' });
    expect(failed.tone).toBe('failure');
  });

  it('keeps details it cannot parse as they came, and words unknown event types', () => {
    const entry = timelineEntry({
      eventId: '1',
      eventType: 'NexusOperationScheduled',
      time: 't',
      details: 'not json',
    });
    expect(entry.details).toBe('not json');
    expect(entry.title).toBe('Nexus Operation Scheduled');
    expect(isBookkeeping('WorkflowTaskCompleted')).toBe(true);
    expect(isBookkeeping('ActivityTaskCompleted')).toBe(false);
  });
});
