// Integration tests wait on real servers (a Keycloak restart alone takes up to a minute).
jest.setTimeout(120_000);
