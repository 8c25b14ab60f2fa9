import { workloadRoute } from '@/components/workload-detail-page';

const route = workloadRoute('jobs');
export const generateMetadata = route.generateMetadata;
export default route.Page;
