import { describe, expect, it } from 'vitest';
import { clientCount, contactBody, createBody, newFileForm, problemsOf } from '../../src/modules/files-console/domain/client-form.ts';

describe('the client file forms', () => {
  it('makes the API body of a new file, skipping blank client blocks and leaving empty optional fields out', () => {
    const form = newFileForm({
      clients: '3',
      reference: 'M-1',
      fileName: '',
      sendLink: 'on',
      'c0.firstName': 'Ada',
      'c0.lastName': 'Byron',
      'c0.email': 'ada@example.com',
      'c0.phoneNumber': '+1 604 555 0100',
      'c2.firstName': 'Alan',
      'c2.dateOfBirth': '',
    });
    const { body, blocks } = createBody(form);
    expect(blocks).toEqual([0, 2]);
    expect(body).toEqual({
      requesterReferenceId: 'M-1',
      sendLink: true,
      clients: [
        { firstName: 'Ada', lastName: 'Byron', email: 'ada@example.com', phoneNumber: '+1 604 555 0100' },
        { firstName: 'Alan', lastName: '', email: '', phoneNumber: '' },
      ],
    });
    expect(createBody(newFileForm({ reference: '  ' })).body).not.toHaveProperty('requesterReferenceId');
  });

  it('reads the API sentences back onto the form block they are about', () => {
    const p = problemsOf(['requesterReferenceId is required', 'clients[1].email is not a valid email address', 'Something else'], [0, 2]);
    expect(p.list).toEqual(['Your reference is required', 'Client 3: email is not a valid email address', 'Something else']);
    expect(p.byField).toEqual({ reference: 'Your reference is required', 'c2.email': 'Email is not a valid email address' });
    expect(problemsOf(['clients[0].lastName cannot be emptied'], [0], '').byField).toEqual({ lastName: 'Last name cannot be emptied' });
  });

  it('clears emptied optional fields in a change, and bounds the number of blocks', () => {
    const body = contactBody('f', 'r', {
      firstName: 'A',
      middleName: '',
      lastName: 'B',
      email: 'a@example.com',
      phoneNumber: '',
      dateOfBirth: '',
      language: 'fr',
      requesterClientRequestId: '',
    });
    expect(body.clients[0]).toMatchObject({ clientRequestId: 'r', middleName: null, phoneNumber: '', dateOfBirth: null, language: 'fr' });
    expect([clientCount('0'), clientCount('5'), clientCount('999'), clientCount(undefined)]).toEqual([1, 5, 1, 1]);
  });
});
