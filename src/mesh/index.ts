/** Governance and, later, the mesh of many projects: the mesh layer's public face. */
export { type AccessCheckInput, type AccessViolation, checkAccess } from './access.js';
