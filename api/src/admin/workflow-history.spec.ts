import { temporal } from '@temporalio/proto';
import { eventTypeName, historyView } from './workflow-history';

const json = (value: unknown) => ({
  metadata: { encoding: Buffer.from('json/plain').toString('base64') },
  data: Buffer.from(JSON.stringify(value)).toString('base64'),
});

describe('historyView', () => {
  it('names event types as admins read them', () => {
    expect(eventTypeName('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED')).toBe('WorkflowExecutionStarted');
    expect(eventTypeName('EVENT_TYPE_ACTIVITY_TASK_COMPLETED')).toBe('ActivityTaskCompleted');
  });

  it('decodes payloads, turns 64-bit ids into strings and redacts secrets', () => {
    const history = temporal.api.history.v1.History.fromObject({
      events: [
        {
          eventId: '1',
          eventTime: { seconds: '1764835200', nanos: 500_000_000 },
          eventType: 'EVENT_TYPE_ACTIVITY_TASK_COMPLETED',
          activityTaskCompletedEventAttributes: {
            result: {
              payloads: [json({ supplier: { accountNumber: '62012345678', name: 'Karoo Sound Hire' } })],
            },
            scheduledEventId: '5',
          },
        },
      ],
    });
    expect(historyView(history)).toEqual([
      {
        eventId: '1',
        eventType: 'ActivityTaskCompleted',
        time: new Date('2025-12-04T08:00:00.500Z'),
        details: {
          result: [{ supplier: { accountNumber: '[redacted]', name: 'Karoo Sound Hire' } }],
          scheduledEventId: '5',
        },
      },
    ]);
  });
});
