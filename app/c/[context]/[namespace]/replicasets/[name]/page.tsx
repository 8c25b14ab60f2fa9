import { workloadRoute } from '@/components/workload-detail-page';

const route = workloadRoute('replicasets');
export const generateMetadata = route.generateMetadata;
export default route.Page;
