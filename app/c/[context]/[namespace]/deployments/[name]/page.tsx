import { workloadRoute } from '@/components/workload-detail-page';

const route = workloadRoute('deployments');
export const generateMetadata = route.generateMetadata;
export default route.Page;
